package io.veriscore.auditor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The kits' input files, checked before anything is read: a missing one is a usage error with its full path, not a stack trace. */
final class KitFiles {

    static final List<String> CIRCUIT = List.of("settings.json", "vk.key", "kzg.srs");

    private KitFiles() {}

    static void requireFile(CommandSpec spec, Path file, String option) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": no file " + file.toAbsolutePath().normalize()
                    + " (a relative path is from the directory the kit runs in, " + Path.of("").toAbsolutePath() + ")");
        }
    }

    static void requireCircuit(CommandSpec spec, Path directory, String option) {
        if (directory != null) {
            for (String name : CIRCUIT) {
                requireFile(spec, directory.resolve(name), option + " " + directory);
            }
        }
    }
}

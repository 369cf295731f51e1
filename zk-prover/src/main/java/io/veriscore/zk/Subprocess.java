package io.veriscore.zk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with a deadline. On expiry the whole process tree is killed. Output goes to files,
 * not pipes, so a chatty child can never block; what is read back is bounded.
 */
final class Subprocess {

    static final int MAX_OUTPUT_BYTES = 1 << 20;
    private static final int STDERR_TAIL_CHARS = 2000;

    record Result(String stdout) {}

    private Subprocess() {}

    static Result run(List<String> command, Duration timeout) {
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("veriscore-zk-", ".out");
            err = Files.createTempFile("veriscore-zk-", ".err");
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process.toHandle());
                throw new ProverException("%s timed out after %s and was killed".formatted(name(command), timeout));
            }
            if (process.exitValue() != 0) {
                throw new ProverException("%s failed with exit code %d: %s".formatted(
                        name(command), process.exitValue(), tail(read(err))));
            }
            return new Result(read(out));
        } catch (IOException e) {
            throw new ProverException("cannot run " + name(command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            killTree(process.toHandle()); // the caller is shutting down: leave no prover behind
            Thread.currentThread().interrupt();
            throw new ProverException("interrupted while running " + name(command), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        root.onExit().join();
    }

    private static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_OUTPUT_BYTES) {
            throw new ProverException("the prover wrote more than " + MAX_OUTPUT_BYTES + " bytes of output");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= STDERR_TAIL_CHARS ? trimmed : "..." + trimmed.substring(trimmed.length() - STDERR_TAIL_CHARS);
    }

    private static String name(List<String> command) {
        return String.join(" ", command.subList(0, Math.min(3, command.size())));
    }

    private static void delete(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}

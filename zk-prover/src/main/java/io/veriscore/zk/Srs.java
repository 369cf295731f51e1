package io.veriscore.zk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Where the structured reference string comes from.
 *
 * <p>Production: a Perpetual Powers of Tau SRS file whose SHA-256 must be on an allowlist. Development:
 * generated locally by EZKL's {@code gen-srs}, whose toxic waste is known, so proofs made with it are
 * <b>insecure</b> and marked so everywhere.
 */
public sealed interface Srs {

    static Srs development() {
        return new Development();
    }

    /** A trusted SRS file; refused unless its SHA-256 is in {@code allowedSha256}. */
    static Srs trusted(Path file, Set<String> allowedSha256) {
        if (!Files.isRegularFile(file)) {
            throw new ProverException("SRS file " + file + " does not exist");
        }
        try {
            String sha = EzklProver.sha256(file);
            if (!allowedSha256.contains(sha)) {
                throw new ProverException("SRS file %s has SHA-256 %s, which is not on the allowlist %s"
                        .formatted(file, sha, allowedSha256));
            }
            return new Trusted(file, sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SRS file to set up with, or empty to generate a development one. */
    Optional<Path> file();

    /** A short identity for artefact keys and manifests. */
    String identity();

    record Development() implements Srs {
        @Override
        public Optional<Path> file() {
            return Optional.empty();
        }

        @Override
        public String identity() {
            return "development-insecure";
        }
    }

    record Trusted(Path path, String sha256) implements Srs {
        @Override
        public Optional<Path> file() {
            return Optional.of(path);
        }

        @Override
        public String identity() {
            return sha256;
        }
    }
}

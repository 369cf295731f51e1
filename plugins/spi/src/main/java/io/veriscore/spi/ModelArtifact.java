package io.veriscore.spi;

import java.util.Objects;

/**
 * An ONNX model shipped inside a plugin jar.
 *
 * @param resourcePath class-path resource of the {@code .onnx} file, relative to the plugin's class loader
 * @param sha256       lower-case hex SHA-256 of that file; the service refuses a model that does not match
 */
public record ModelArtifact(String resourcePath, String sha256) {

    public ModelArtifact {
        Objects.requireNonNull(resourcePath, "resourcePath");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }
}

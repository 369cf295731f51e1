package io.veriscore.app.face;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The face-scan path: images in place of a face model's input. */
@ConfigMapping(prefix = "veriscore.face")
public interface FaceConfig {
    /** Largest image, in bytes once base64-decoded; larger ones get 413. */
    @WithDefault("6291456")
    long maxImageBytes();

    /** Largest image in pixels (width x height), read from its header before any decoding; larger ones get 413. */
    @WithDefault("25000000")
    long maxPixels();

    /**
     * Memory that images being decoded may take together, estimated from their headers (pixels x bytes per decoded
     * pixel); an image that needs more than all of it gets 413, one that must wait longer than
     * {@code decode-wait} for its share gets 503 with Retry-After.
     */
    @WithDefault("512M")
    MemorySize decodeMemory();

    /** How long an image waits for its share of {@code decode-memory}. */
    @WithDefault("PT2S")
    Duration decodeWait();

    /** BlazeFace score (0 to 1) from which a detection counts as a face. */
    @WithDefault("0.5")
    double minDetectionScore();

    /** Narrowest face accepted, in image pixels (the landmarks' box); narrower ones get 422 face-too-small. */
    @WithDefault("64")
    double minFaceWidth();

    /**
     * Least sharpness: variance of the Laplacian over the face at 128 x 128 grey levels. Sharp photos measure
     * 40 to 600 (models/face/testset), a face blurred with a 9-pixel box three times 2.6. Blurrier: 422 face-blurred.
     */
    @WithDefault("20")
    double minSharpness();

    /** Least confidence (0 to 1) of FaceMesh that its crop holds a face; less: 422 face-unclear. */
    @WithDefault("0.5")
    double minPresence();
}

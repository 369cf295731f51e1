package io.veriscore.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Veriscore's own settings, under the {@code veriscore.} prefix. */
@ConfigMapping(prefix = "veriscore")
public interface VeriscoreConfig {

    Plugins plugins();

    Inference inference();

    Onnx onnx();

    interface Plugins {
        /**
         * Directory scanned at start-up for external plugins: each {@code *.jar} in it, and each
         * sub-directory of jars, is loaded in a class loader of its own. None by default.
         */
        Optional<Path> directory();
    }

    interface Inference {
        /** Most inputs accepted in one batch request. */
        @WithDefault("256")
        int maxBatchSize();

        /** Largest request body, in bytes; larger bodies get 413. */
        @WithDefault("1048576")
        long maxBodyBytes();

        /** Page size of {@code GET /v1/inferences} when the client gives none. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest page size a client may ask for. */
        @WithDefault("500")
        int maxPageSize();
    }

    interface Onnx {
        /**
         * Threads ONNX Runtime may use inside one model run. The models are tiny, so one thread per
         * run, with requests running in parallel, uses the cores best.
         */
        @WithDefault("1")
        int intraOpThreads();
    }
}

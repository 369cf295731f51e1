package io.veriscore.app.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "veriscore.onnx")
public interface OnnxConfig {
    /**
     * Threads ONNX Runtime may use inside one model run. The models are tiny, so one thread per
     * run, with requests running in parallel, uses the cores best.
     */
    @WithDefault("1")
    int intraOpThreads();
}

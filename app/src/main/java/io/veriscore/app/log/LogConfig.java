package io.veriscore.app.log;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "veriscore.log")
public interface LogConfig {
    /** How often the sequencer adds waiting records to the Merkle tree and signs a new tree head (1 s at least). */
    @WithDefault("PT1S")
    Duration sequenceInterval();

    /** Most records added to the tree in one step. */
    @WithDefault("5000")
    int batchSize();
}

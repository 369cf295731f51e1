package io.veriscore.app.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the instances sharing a database share its jobs. */
@ConfigMapping(prefix = "veriscore.jobs")
public interface JobsConfig {

    /** How often a busy instance tells the others that its jobs are alive. */
    @WithDefault("PT5S")
    Duration heartbeatInterval();

    /**
     * Heartbeats missed before another instance (or this one, restarted) takes over a job: a job of an
     * instance that died is resumed after about {@code heartbeat-interval} times this. At least 4.
     */
    @WithDefault("6")
    int missedHeartbeatsLimit();

    /** How often each instance looks for due jobs that it was not told about. */
    @WithDefault("PT1S")
    Duration pollingInterval();
}

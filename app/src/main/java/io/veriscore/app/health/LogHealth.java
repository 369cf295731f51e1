package io.veriscore.app.health;

import io.smallrye.health.api.Wellness;
import io.veriscore.app.log.LogSequencer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether the transparency log's sequencer keeps up: down while its turns fail (results are still stored and queued,
 * but get no leaf index and no signed tree head until it recovers). The failures are also counted in the metric
 * {@code veriscore_log_sequencer_failures_total}.
 */
@Wellness
@ApplicationScoped
public class LogHealth implements HealthCheck {

    private final LogSequencer sequencer;

    LogHealth(LogSequencer sequencer) {
        this.sequencer = sequencer;
    }

    @Override
    public HealthCheckResponse call() {
        LogSequencer.Progress progress = sequencer.progress();
        HealthCheckResponseBuilder health = HealthCheckResponse.named("transparency-log")
                .withData("lastSequenced", String.valueOf(progress.lastSuccess()))
                .withData("consecutiveFailures", progress.consecutiveFailures());
        if (progress.consecutiveFailures() > 0) {
            return health.down().withData("lastFailure", progress.lastFailure()).build();
        }
        return health.up().build();
    }
}

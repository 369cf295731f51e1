package io.veriscore.app.proof;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler.ExponentialBackoffFailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.veriscore.app.config.VeriscoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Proof jobs, durable in PostgreSQL through db-scheduler: scheduled in the transaction that stores their
 * results, so an acknowledged request is never lost; shared by every instance on the database; at most
 * {@code veriscore.prover.concurrency} at once per instance; retried with exponential backoff; and resumed
 * by another (or the restarted) instance when the one running them stops sending heartbeats.
 */
@ApplicationScoped
public class ProofJobs {

    private static final Logger LOG = Logger.getLogger(ProofJobs.class);
    static final String TASK = "prove-inference";
    /** How long a stopping instance waits for running proofs; unfinished ones are resumed after the restart. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final OneTimeTask<Void> task;
    private final Scheduler scheduler;
    private final int threads;

    ProofJobs(DataSource dataSource, VeriscoreConfig config, ProofWorker worker) {
        VeriscoreConfig.Prover prover = config.prover();
        this.task = Tasks.oneTime(TASK)
                .onFailure(new ExponentialBackoffFailureHandler<>(prover.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, context) -> worker.attempt(UUID.fromString(instance.getId()),
                        context.getExecution().consecutiveFailures + 1));
        this.threads = prover.concurrency().orElse(Runtime.getRuntime().availableProcessors());
        this.scheduler = Scheduler.create(dataSource, task)
                .threads(threads)
                .pollingInterval(prover.pollingInterval())
                .heartbeatInterval(prover.heartbeatInterval())
                .missedHeartbeatsLimit(prover.missedHeartbeatsLimit())
                .schedulerName(new SchedulerName.Fixed(instanceName()))
                .shutdownMaxWait(SHUTDOWN_WAIT)
                .build();
    }

    void start(@Observes StartupEvent event) {
        scheduler.start();
        LOG.infof("Proof jobs: up to %d at once on this instance", threads);
    }

    void stop(@Observes ShutdownEvent event) {
        scheduler.stop();
    }

    /**
     * Schedules a proof of each result. Call it inside the transaction that stores them: the jobs then
     * exist exactly when the results do. Scheduling a result twice schedules it once.
     */
    public void schedule(Collection<UUID> inferenceIds) {
        Instant now = Instant.now();
        for (UUID id : inferenceIds) {
            scheduler.scheduleIfNotExists(task.instance(id.toString()), now);
        }
    }

    /** Looks for due jobs now, rather than at the next poll: call it after the scheduling transaction commits. */
    public void wakeUp() {
        scheduler.triggerCheckForDueExecutions();
    }

    private static String instanceName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "veriscore-" + ProcessHandle.current().pid();
        }
    }
}

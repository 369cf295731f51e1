package io.veriscore.app.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler.ExponentialBackoffFailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Background jobs (proofs, on-chain submissions, webhook deliveries: each a {@link JobKind} its feature declares),
 * durable in PostgreSQL through db-scheduler: scheduled in the transaction that stores what they work on, so an
 * acknowledged request is never lost; shared by every instance on the database; retried with exponential backoff;
 * and resumed by another (or the restarted) instance when the one running them stops sending heartbeats. Each kind
 * has a table and a pool of threads of its own: a submission waiting minutes for its receipt never holds a thread a
 * proof could use, nor a receiver that is down a proof.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);
    /** How long a stopping instance waits for running jobs; unfinished ones are resumed after the restart. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private record Queue(JobKind kind, OneTimeTask<Void> task, Scheduler scheduler) {}

    private final Map<String, Queue> queues = new LinkedHashMap<>();

    Jobs(DataSource dataSource, JobsConfig config, @All List<JobKind> kinds) {
        for (JobKind kind : kinds) {
            OneTimeTask<Void> task = Tasks.oneTime(kind.name())
                    .onFailure(new ExponentialBackoffFailureHandler<>(kind.retryBackoff(), 2.0))
                    .onDeadExecutionRevive()
                    .execute((instance, context) -> kind.handler().attempt(UUID.fromString(instance.getId()),
                            context.getExecution().consecutiveFailures + 1));
            var builder = Scheduler.create(dataSource, task).tableName(kind.table()).threads(kind.threads());
            if (kind.ranked()) {
                builder.enablePriority();
            }
            Scheduler scheduler = builder.pollingInterval(config.pollingInterval())
                    .heartbeatInterval(config.heartbeatInterval())
                    .missedHeartbeatsLimit(config.missedHeartbeatsLimit())
                    .schedulerName(new SchedulerName.Fixed(instanceName() + "-" + kind.name()))
                    .shutdownMaxWait(SHUTDOWN_WAIT)
                    .build();
            if (queues.put(kind.name(), new Queue(kind, task, scheduler)) != null) {
                throw new IllegalStateException("two job kinds named " + kind.name());
            }
        }
    }

    void start(@Observes StartupEvent event) {
        queues.values().forEach(queue -> queue.scheduler().start());
        LOG.infof("Jobs at once on this instance: %s", queues.values().stream()
                .map(queue -> queue.kind().name() + " " + queue.kind().threads()).collect(Collectors.joining(", ")));
    }

    void stop(@Observes ShutdownEvent event) {
        queues.values().forEach(queue -> queue.scheduler().stop());
    }

    /**
     * Schedules the job of kind {@code name} about {@code id}, {@code rank}th in its owner's queue. Call it inside the
     * transaction that stores what the job works on: the job then exists exactly when that does. Scheduling the same
     * job twice schedules it once.
     *
     * <p>Ranked jobs are taken by priority, then age, and a job's priority is minus its rank: each client's first
     * queued job goes before any client's second, and so on, so that one client's backlog never holds another's job
     * behind it (round robin by rank, fixed when the job is scheduled).
     */
    public void schedule(String name, UUID id, int rank) {
        Queue queue = queue(name);
        queue.scheduler().scheduleIfNotExists(queue.task().instanceBuilder(id.toString()).priority(priority(rank))
                .scheduledTo(Instant.now()));
    }

    /** Schedules the job of kind {@code name} about {@code id}, in the transaction that stores what it works on. */
    public void schedule(String name, UUID id) {
        schedule(name, id, 0);
    }

    /** Looks for due jobs now, rather than at the next poll: call it after the scheduling transaction commits. */
    public void wakeUp() {
        queues.values().forEach(queue -> queue.scheduler().triggerCheckForDueExecutions());
    }

    private Queue queue(String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no job kind named " + name + "; declared: " + queues.keySet());
        }
        return queue;
    }

    /** The column is a smallint; ranks beyond its range share the last priority. */
    private static int priority(int rank) {
        return -Math.min(rank, Short.MAX_VALUE);
    }

    private static String instanceName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "veriscore-" + ProcessHandle.current().pid();
        }
    }
}

package io.veriscore.app.jobs;

import io.veriscore.app.chain.ChainConfig;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler.ExponentialBackoffFailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.veriscore.app.chain.SubmissionWorker;
import io.veriscore.app.proof.ProverConfig;
import io.veriscore.app.proof.ProofWorker;
import io.veriscore.app.webhook.WebhookConfig;
import io.veriscore.app.webhook.WebhookSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Background jobs (proofs, on-chain submissions, webhook deliveries), durable in PostgreSQL through db-scheduler: scheduled in the
 * transaction that stores what they work on, so an acknowledged request is never lost; shared by every instance on the
 * database; retried with exponential backoff; and resumed by another (or the restarted) instance when the one running
 * them stops sending heartbeats. Proofs, batch proofs and submissions have a table and a worker pool each (at most
 * {@code veriscore.prover.concurrency} proofs, {@code batch-concurrency} batch proofs and
 * {@code veriscore.chain.concurrency} submissions at once per instance): a submission waiting minutes for its receipt
 * never holds a thread a proof could use, nor a batch proof of seconds a single proof. Webhook deliveries
 * too ({@code veriscore.webhooks.concurrency}): a receiver that is down holds neither.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);
    public static final String PROVE = "prove-inference";
    public static final String PROVE_BATCH = "prove-batch";
    public static final String SUBMIT = "submit-onchain";
    public static final String DELIVER = "deliver-webhook";
    private static final String BATCH_TABLE = "batch_proof_tasks";
    private static final String SUBMISSION_TABLE = "submission_tasks";
    private static final String WEBHOOK_TABLE = "webhook_tasks";
    /** How long a stopping instance waits for running proofs; unfinished ones are resumed after the restart. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final OneTimeTask<Void> prove;
    private final OneTimeTask<Void> proveBatch;
    private final OneTimeTask<Void> submit;
    private final OneTimeTask<Void> deliver;
    private final Scheduler proofs;
    private final Scheduler batchProofs;
    private final Scheduler submissions;
    private final Scheduler webhooks;
    private final int proofThreads;
    private final int submissionThreads;
    private final int batchThreads;

    Jobs(DataSource dataSource, ProverConfig settings, ChainConfig chain, WebhookConfig webhookConfig, ProofWorker prover,
            SubmissionWorker submitter, WebhookSender sender) {
        this.prove = Tasks.oneTime(PROVE)
                .onFailure(new ExponentialBackoffFailureHandler<>(settings.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, context) -> prover.attempt(UUID.fromString(instance.getId()),
                        context.getExecution().consecutiveFailures + 1));
        this.proveBatch = Tasks.oneTime(PROVE_BATCH)
                .onFailure(new ExponentialBackoffFailureHandler<>(settings.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, context) -> prover.attemptBatch(UUID.fromString(instance.getId()),
                        context.getExecution().consecutiveFailures + 1));
        this.submit = Tasks.oneTime(SUBMIT)
                .onFailure(new ExponentialBackoffFailureHandler<>(chain.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, context) -> submitter.attempt(UUID.fromString(instance.getId()),
                        context.getExecution().consecutiveFailures + 1));
        this.deliver = Tasks.oneTime(DELIVER)
                .onFailure(new ExponentialBackoffFailureHandler<>(webhookConfig.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, context) -> sender.attempt(UUID.fromString(instance.getId()),
                        context.getExecution().consecutiveFailures + 1));
        this.proofThreads = settings.concurrency().orElse(Runtime.getRuntime().availableProcessors());
        this.submissionThreads = chain.concurrency();
        this.batchThreads = settings.batchConcurrency();
        // proveBatch stays known to the proofs' table too, for batch jobs queued there by an earlier version.
        this.proofs = scheduler(Scheduler.create(dataSource, prove, proveBatch).threads(proofThreads).enablePriority(), settings, "");
        this.batchProofs = scheduler(Scheduler.create(dataSource, proveBatch).tableName(BATCH_TABLE)
                .threads(settings.batchConcurrency()).enablePriority(), settings, "-batch");
        this.submissions = scheduler(Scheduler.create(dataSource, submit).tableName(SUBMISSION_TABLE)
                .threads(submissionThreads), settings, "-chain");
        this.webhooks = scheduler(Scheduler.create(dataSource, deliver).tableName(WEBHOOK_TABLE)
                .threads(webhookConfig.concurrency()).enablePriority(), settings, "-webhooks");
    }

    private static Scheduler scheduler(SchedulerBuilder builder, ProverConfig settings,
            String suffix) {
        return builder.pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeatsLimit())
                .schedulerName(new SchedulerName.Fixed(instanceName() + suffix))
                .shutdownMaxWait(SHUTDOWN_WAIT)
                .build();
    }

    void start(@Observes StartupEvent event) {
        proofs.start();
        batchProofs.start();
        submissions.start();
        webhooks.start();
        LOG.infof("Jobs: up to %d proofs, %d batch proofs and %d on-chain submissions at once on this instance", proofThreads,
                batchThreads, submissionThreads);
    }

    void stop(@Observes ShutdownEvent event) {
        proofs.stop();
        batchProofs.stop();
        submissions.stop();
        webhooks.stop();
    }

    /**
     * Schedules a proof of a result, {@code rank}th in its client's queue. Call it inside the transaction that stores
     * the result: the job then exists exactly when the result does. Scheduling a result twice schedules it once.
     *
     * <p>Proof jobs are taken by priority, then age, and a job's priority is minus its rank: each client's first queued
     * proof goes before any client's second, and so on, so that one client's backlog never holds another's proof behind
     * it (round robin by rank, fixed when the job is scheduled).
     */
    public void scheduleProof(UUID inferenceId, int rank) {
        proofs.scheduleIfNotExists(prove.instanceBuilder(inferenceId.toString()).priority(priority(rank)).scheduledTo(Instant.now()));
    }

    /** Schedules one proof of a batch's results, {@code rank}th in its client's queue (its first row's place). */
    public void scheduleBatchProof(UUID batchId, int rank) {
        batchProofs.scheduleIfNotExists(proveBatch.instanceBuilder(batchId.toString()).priority(priority(rank)).scheduledTo(Instant.now()));
    }

    /** The column is a smallint; ranks beyond its range share the last priority. */
    private static int priority(int rank) {
        return -Math.min(rank, Short.MAX_VALUE);
    }

    /** Schedules an on-chain submission, in the transaction that stores it. */
    public void scheduleSubmission(UUID submissionId) {
        submissions.scheduleIfNotExists(submit.instance(submissionId.toString()), Instant.now());
    }

    /**
     * Schedules a webhook delivery, {@code rank}th among its client's pending ones, in the transaction that stores it:
     * deliveries go by rank like proofs, so one client's silent receivers (each attempt holds a sender until its
     * timeout) never hold another's deliveries behind them.
     */
    public void scheduleWebhook(UUID deliveryId, int rank) {
        webhooks.scheduleIfNotExists(deliver.instanceBuilder(deliveryId.toString()).priority(priority(rank)).scheduledTo(Instant.now()));
    }

    /** Looks for due jobs now, rather than at the next poll: call it after the scheduling transaction commits. */
    public void wakeUp() {
        proofs.triggerCheckForDueExecutions();
        batchProofs.triggerCheckForDueExecutions();
        submissions.triggerCheckForDueExecutions();
        webhooks.triggerCheckForDueExecutions();
    }

    private static String instanceName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "veriscore-" + ProcessHandle.current().pid();
        }
    }
}

package io.veriscore.app.chain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.veriscore.app.chain.ChainEvent.Kind;
import io.veriscore.app.jobs.Jobs;
import io.veriscore.zk.CircuitSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Forms record batches from the submissions waiting for one, per deployment and model version: as soon as a batch
 * proof's rows are full, or once the oldest has waited {@code veriscore.chain.batch-window}. At least
 * {@code batch-min} results are recorded as a batch (one batch proof, one transaction, about 274,000 gas a score at 16);
 * fewer are recorded each alone with an onchain-profile proof (about 654,000), which then costs less. One instance forms
 * batches at a time (a database lock); the batch and its job are stored in one transaction with the members' events.
 */
@ApplicationScoped
public class RecordBatcher {

    private static final Logger LOG = Logger.getLogger(RecordBatcher.class);

    private final ChainRepository chains;
    private final Jobs jobs;
    private final ChainConfig config;

    RecordBatcher(ChainRepository chains, Jobs jobs, ChainConfig config) {
        this.chains = chains;
        this.jobs = jobs;
        this.config = config;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.enabled() || config.batchWindow().isZero()) {
            return;
        }
        try {
            if (QuarkusTransaction.requiringNew().call(this::form)) {
                jobs.wakeUp();
            }
        } catch (RuntimeException e) { // the database is away, say: the requests wait for the next turn
            LOG.warnf("Forming record batches failed; trying again in a second: %s", e.getMessage());
        }
    }

    /** One turn; answers whether it scheduled anything. */
    boolean form() {
        chains.lock("record-batcher");
        Map<String, List<ChainRepository.Waiting>> byModel = new LinkedHashMap<>();
        for (ChainRepository.Waiting waiting : chains.waiting()) {
            byModel.computeIfAbsent(waiting.deploymentId() + "/" + waiting.modelId() + "/" + waiting.modelSha256(),
                    key -> new ArrayList<>()).add(waiting);
        }
        Instant due = Instant.now().minus(config.batchWindow());
        boolean scheduled = false;
        for (List<ChainRepository.Waiting> group : byModel.values()) {
            List<ChainRepository.Waiting> left = group;
            while (left.size() >= CircuitSettings.BATCH_ROWS) {
                batch(left.subList(0, CircuitSettings.BATCH_ROWS));
                left = left.subList(CircuitSettings.BATCH_ROWS, left.size());
                scheduled = true;
            }
            if (left.isEmpty() || left.get(0).since().isAfter(due)) {
                continue; // the oldest may wait for more
            }
            if (left.size() >= Math.max(2, config.batchMin())) {
                batch(left);
            } else {
                String why = "recorded alone: " + left.size() + " request(s) of this model within " + config.batchWindow()
                        + ", fewer than the " + config.batchMin() + " a batch needs to cost less";
                for (ChainRepository.Waiting alone : left) {
                    chains.append(alone.submissionId(), Kind.PENDING, 0, why);
                    jobs.schedule(SubmissionJobs.SUBMIT, alone.submissionId());
                }
            }
            scheduled = true;
        }
        return scheduled;
    }

    private void batch(List<ChainRepository.Waiting> members) {
        java.util.UUID carrier = members.get(0).submissionId();
        for (int row = 0; row < members.size(); row++) {
            RecordBatchMember member = new RecordBatchMember();
            member.submissionId = members.get(row).submissionId();
            member.carrierId = carrier;
            member.batchRow = row;
            chains.store(member);
            chains.append(member.submissionId, Kind.PENDING, 0, "recorded with " + (members.size() - 1) + " other result(s) in"
                    + " one batch proof and one transaction");
        }
        jobs.schedule(SubmissionJobs.SUBMIT, carrier);
        LOG.infof("Record batch of %d results, carried by submission %s", members.size(), carrier);
    }
}

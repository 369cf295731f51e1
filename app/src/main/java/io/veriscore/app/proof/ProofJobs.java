package io.veriscore.app.proof;

import io.veriscore.app.jobs.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The proofs' durable jobs: one result's proof, and one batch's (batch proofs take seconds: a pool of their own). */
@ApplicationScoped
public class ProofJobs {

    public static final String PROVE = "prove-inference";
    public static final String PROVE_BATCH = "prove-batch";

    @Produces
    JobKind prove(ProverConfig config, ProofWorker worker) {
        return new JobKind(PROVE, "scheduled_tasks", config.concurrency().orElse(Runtime.getRuntime().availableProcessors()),
                true, config.retryBackoff(), worker::attempt);
    }

    @Produces
    JobKind proveBatch(ProverConfig config, ProofWorker worker) {
        return new JobKind(PROVE_BATCH, "batch_proof_tasks", config.batchConcurrency(), true, config.retryBackoff(),
                worker::attemptBatch);
    }
}

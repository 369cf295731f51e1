package io.veriscore.app.chain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.jobs.Jobs;
import io.veriscore.app.proof.ProofRecord;
import io.veriscore.app.proof.ProofRepository;
import io.veriscore.app.proof.ProofService;
import io.veriscore.zk.CircuitSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Submissions of proven results to the chain's ScoreRegistry: asked for here, carried out by {@link SubmissionWorker}. */
@ApplicationScoped
public class OnchainService {

    /**
     * Where a submission stands: its latest event, its transaction once signed, and whether the chain it was made on
     * has since been replaced (a development chain started afresh: the block its registry was deployed in is gone).
     */
    public record Status(ChainSubmission submission, ChainDeployment deployment, ChainEvent latest, Optional<ChainTransaction> transaction,
            Optional<RecordProof> recordProof, boolean chainReplaced) {}

    private final Deployments deployments;
    private final ChainRepository chains;
    private final ProofRepository proofs;
    private final ProofService proofService;
    private final Jobs jobs;
    private final ChainConfig config;

    OnchainService(Deployments deployments, ChainRepository chains, ProofRepository proofs, ProofService proofService, Jobs jobs,
            ChainConfig config) {
        this.proofService = proofService;
        this.config = config;
        this.deployments = deployments;
        this.chains = chains;
        this.proofs = proofs;
        this.jobs = jobs;
    }

    /**
     * Asks for a proven result to be recorded on the connected chain. Asking again returns the submission in progress or
     * done, through any deployment still on the chain (a failed one is replaced by a new one): a result is recorded once
     * per chain, and again only on a chain that provably replaced the one it was recorded on. A result proven in a batch is
     * recorded with its whole batch, in one transaction: asking for any of them asks for all.
     */
    public Status submit(InferenceRecord result) {
        Optional<ProofRecord> proof = QuarkusTransaction.requiringNew().call(() -> proofs.proof(result.id));
        if (proof.isEmpty()) {
            throw VeriscoreException.conflict("result " + result.id + " has no proof yet: " + proofService.howToProve(result)
                    + ", and record it once GET /v1/inferences/" + result.id + "/proof says proven");
        }
        List<UUID> recordedTogether = recordedTogether(proof.get());
        ChainDeployment deployment = deployments.current();
        Status status = QuarkusTransaction.requiringNew().call(() -> {
            chains.lock("onchain:" + (proof.get().batchId == null ? result.id : proof.get().batchId));
            Optional<Status> earlier = chains.latestSubmission(recordedTogether, null).map(this::status);
            if (earlier.isPresent() && earlier.get().latest().kind != ChainEvent.Kind.FAILED
                    && (earlier.get().deployment().id.equals(deployment.id) || deployments.onConnectedChain(earlier.get().deployment())
                            .orElseThrow(() -> VeriscoreException.unavailable("cannot tell whether the chain still holds this"
                                    + " result's earlier submission", 5)))) {
                return earlier.get();
            }
            ChainSubmission submission = chains.store(ChainSubmission.of(result.id, deployment.id));
            if (batchable(proof.get())) { // RecordBatcher takes it, with others or alone, within the window
                ChainEvent waiting = chains.append(submission.id, ChainEvent.Kind.WAITING, 0, null);
                return new Status(submission, deployment, waiting, Optional.empty(), Optional.empty(), false);
            }
            ChainEvent pending = chains.append(submission.id, ChainEvent.Kind.PENDING, 0, null);
            jobs.schedule(SubmissionJobs.SUBMIT, submission.id);
            return new Status(submission, deployment, pending, Optional.empty(), Optional.empty(), false);
        });
        jobs.wakeUp();
        return status;
    }

    /** A result proven alone with a profile other than onchain: recorded through a record batch, or an onchain proof. */
    private boolean batchable(ProofRecord proof) {
        return !config.batchWindow().isZero() && proof.batchId == null
                && !CircuitSettings.onchain().profile().equals(proof.profile);
    }

    /** The result's latest submission (its batch's, for a result proven in a batch), on any chain. */
    public Optional<Status> latest(UUID inferenceId) {
        Optional<Status> latest = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> together = proofs.proof(inferenceId).map(this::recordedTogether).orElse(List.of(inferenceId));
            return chains.latestSubmission(together, null).map(this::status);
        });
        return latest.map(status -> deployments.onConnectedChain(status.deployment()).orElse(true) ? status
                : new Status(status.submission(), status.deployment(), status.latest(), status.transaction(), status.recordProof(), true));
    }

    /** The results one submission of this proof records: the proof's own, or every proven row of its batch. */
    private List<UUID> recordedTogether(ProofRecord proof) {
        return proof.batchId == null ? List.of(proof.inferenceId) : QuarkusTransaction.joiningExisting().call(() ->
                proofs.batchProofs(proof.batchId).stream().map(row -> row.inferenceId).toList());
    }

    private Status status(ChainSubmission submission) {
        return new Status(submission, chains.deployment(submission.deploymentId).orElseThrow(),
                chains.latestEvent(submission.id).orElseThrow(), chains.transaction(submission.id), chains.recordProofFor(submission.id),
                false);
    }
}

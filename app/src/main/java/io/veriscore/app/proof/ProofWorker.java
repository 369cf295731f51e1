package io.veriscore.app.proof;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.InferenceRepository;
import io.veriscore.app.jobs.FailureReason;
import io.veriscore.app.log.TransparencyLog;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.app.proof.ProofEvent.Kind;
import io.veriscore.spi.ProvableModel;
import io.veriscore.zk.BatchProof;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.Proof;
import io.veriscore.zk.Salt;
import io.veriscore.zk.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One attempt at a proof job: one stored result, or a batch of them in one batch proof. Every step is a new event;
 * the results themselves are never touched, so a failing prover can lose nothing.
 */
@ApplicationScoped
public class ProofWorker {

    private static final Logger LOG = Logger.getLogger(ProofWorker.class);

    /** A failure that another attempt cannot fix. */
    static final class Unprovable extends RuntimeException {
        Unprovable(String message) {
            super(message);
        }
    }

    private final ProofEngine engine;
    private final ModelRegistry models;
    private final InferenceRepository inferences;
    private final ProofRepository proofs;
    private final int maxAttempts;
    private final MeterRegistry meters;
    private final TransparencyLog log;

    ProofWorker(ProofEngine engine, ModelRegistry models, InferenceRepository inferences, ProofRepository proofs,
            ProverConfig proverConfig, MeterRegistry meters, TransparencyLog log) {
        this.meters = meters;
        this.log = log;
        this.engine = engine;
        this.models = models;
        this.inferences = inferences;
        this.proofs = proofs;
        this.maxAttempts = proverConfig.maxAttempts();
    }

    /**
     * Runs attempt {@code attempt}. A retryable failure is rethrown for the job engine to retry with backoff,
     * until the last attempt, which ends the job as failed.
     */
    public void attempt(UUID inferenceId, int attempt) {
        run(List.of(inferenceId), attempt, results -> List.of(prove(results.get(0))));
    }

    /** Runs attempt {@code attempt} at proving a batch's results in one proof; failures end or retry every one of them. */
    public void attemptBatch(UUID batchId, int attempt) {
        List<UUID> members = QuarkusTransaction.requiringNew().call(() ->
                proofs.members(batchId).stream().map(member -> member.inferenceId).toList());
        if (members.isEmpty()) {
            throw new IllegalStateException("batch " + batchId + " has no results");
        }
        run(members, attempt, results -> proveBatch(batchId, results));
    }

    private void run(List<UUID> inferenceIds, int attempt, Function<List<InferenceRecord>, List<ProofRecord>> proving) {
        List<InferenceRecord> results = QuarkusTransaction.requiringNew().call(() -> {
            inferenceIds.forEach(id -> proofs.append(id, Kind.STARTED, attempt, null));
            return inferenceIds.stream().map(inferences::findById).toList();
        });
        Timer.Sample sample = Timer.start(meters);
        String outcome = "retrying";
        try {
            List<ProofRecord> proven = proving.apply(results);
            QuarkusTransaction.requiringNew().run(() -> {
                for (ProofRecord proof : proven) {
                    proofs.store(proof);
                    proofs.append(proof.inferenceId, Kind.PROVEN, attempt, null);
                    log.append(new ProofLogRecord(proof));
                }
            });
            proven.forEach(proof -> LOG.infof("Proved %s (attempt %d%s): logit %.4f, score %.4f", proof.inferenceId, attempt,
                    proof.batchId == null ? "" : ", row " + proof.batchRow + " of batch " + proof.batchId, proof.logit, proof.score));
            outcome = "proven";
        } catch (Unprovable e) {
            outcome = "failed";
            end(inferenceIds, attempt, Kind.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            String reason = FailureReason.of(e);
            if (attempt >= maxAttempts) {
                outcome = "failed";
                end(inferenceIds, attempt, Kind.FAILED, reason + " (attempt " + attempt + " of " + maxAttempts + ")");
                return;
            }
            end(inferenceIds, attempt, Kind.RETRYING, reason);
            throw e;
        } finally {
            sample.stop(meters.timer("veriscore.proof.attempt", "model", results.get(0).modelId, "outcome", outcome));
        }
    }

    private ProofRecord prove(InferenceRecord result) {
        LoadedModel model = loaded(result);
        ProvableModel provable = (ProvableModel) model.plugin();
        Circuit circuit = engine.circuit(model);
        Salt salt = Salt.random(); // a fresh one per attempt: only the stored proof's salt is ever given out
        Proof proof = engine.prove(model, provable.modelInput(result.input), salt);
        return record(result, proof.json(), proof.statement(), salt, provable, circuit, proof.ezklVersion());
    }

    private List<ProofRecord> proveBatch(UUID batchId, List<InferenceRecord> results) {
        LoadedModel model = loaded(results.get(0));
        if (results.stream().anyMatch(r -> !r.modelSha256.equals(results.get(0).modelSha256))) {
            throw new Unprovable("the results of batch " + batchId + " were scored by different models");
        }
        ProvableModel provable = (ProvableModel) model.plugin();
        Circuit circuit = engine.batchCircuit(model);
        List<Salt> salts = results.stream().map(r -> Salt.random()).toList();
        BatchProof proof = engine.proveBatch(model, results.stream().map(r -> provable.modelInput(r.input)).toList(), salts);
        List<ProofRecord> records = new ArrayList<>();
        for (int row = 0; row < results.size(); row++) {
            ProofRecord record = record(results.get(row), proof.json(), proof.rows().get(row), salts.get(row), provable, circuit,
                    proof.ezklVersion());
            record.batchId = batchId;
            record.batchRow = row;
            records.add(record);
        }
        return records;
    }

    /** The loaded, provable model that scored {@code result}. */
    private LoadedModel loaded(InferenceRecord result) {
        LoadedModel model = models.find(result.modelId, result.modelSha256).orElseThrow(() -> new Unprovable("model %s with SHA-256 %s is no longer loaded"
                        .formatted(result.modelId, result.modelSha256)));
        if (!(model.plugin() instanceof ProvableModel)) {
            throw new Unprovable("model " + result.modelId + " cannot be proven");
        }
        return model;
    }

    /** The proof record of {@code result}, once its proven score is checked against the stored one. */
    private static ProofRecord record(InferenceRecord result, String proofJson, Statement statement, Salt salt,
            ProvableModel provable, Circuit circuit, String ezklVersion) {
        if (Math.abs(statement.score() - result.score) > ProofEngine.SCORE_TOLERANCE) {
            throw new Unprovable("the proven score %.6f of %s differs from the stored score %.6f by more than %.2f"
                    .formatted(statement.score(), result.id, result.score, ProofEngine.SCORE_TOLERANCE));
        }
        return record(result.id, proofJson, statement, salt, provable.provenLabels().of(statement.positive()), circuit,
                ezklVersion);
    }

    private static ProofRecord record(UUID inferenceId, String proofJson, Statement statement, Salt salt, String label,
            Circuit circuit, String ezklVersion) {
        ProofRecord record = new ProofRecord();
        record.inferenceId = inferenceId;
        record.proofJson = proofJson;
        record.inputCommitment = statement.inputCommitment();
        record.outputInstance = statement.outputInstance();
        record.logit = statement.logit();
        record.score = statement.score();
        record.label = label;
        record.salt = salt.hex();
        record.profile = circuit.profile();
        record.provenModelSha256 = circuit.provenModelSha256();
        record.ezklVersion = ezklVersion;
        record.logrows = circuit.logrows();
        record.settingsSha256 = circuit.settingsSha256();
        record.verifyingKeySha256 = circuit.verifyingKeySha256();
        record.srsSha256 = circuit.srsSha256();
        record.developmentSrs = circuit.developmentSrs();
        record.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return record;
    }

    private void end(List<UUID> inferenceIds, int attempt, Kind kind, String reason) {
        LOG.warnf("Proof of %s, attempt %d: %s (%s)", inferenceIds.size() == 1 ? inferenceIds.get(0) : inferenceIds, attempt, reason, kind);
        QuarkusTransaction.requiringNew().run(() -> {
            for (UUID inferenceId : inferenceIds) {
                ProofEvent event = proofs.append(inferenceId, kind, attempt, reason);
                if (kind == Kind.FAILED) {
                    log.append(new ProofFailureLogRecord(event));
                }
            }
        });
    }
}

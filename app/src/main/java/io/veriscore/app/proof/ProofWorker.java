package io.veriscore.app.proof;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.canonical.CanonicalJson;
import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.app.log.LogRecords;
import io.veriscore.app.log.TransparencyLog;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.app.persistence.InferenceRecord;
import io.veriscore.app.persistence.InferenceRepository;
import io.veriscore.app.persistence.LogEntry;
import io.veriscore.app.persistence.ProofEvent;
import io.veriscore.app.persistence.ProofEvent.Kind;
import io.veriscore.app.persistence.ProofRecord;
import io.veriscore.app.persistence.ProofRepository;
import io.veriscore.spi.ProvableModel;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.Proof;
import io.veriscore.zk.Salt;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One attempt at proving one stored result. Every step is a new event; the result itself is never touched,
 * so a failing prover can lose nothing.
 */
@ApplicationScoped
public class ProofWorker {

    private static final Logger LOG = Logger.getLogger(ProofWorker.class);
    private static final int MAX_REASON_LENGTH = 2000;

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
            VeriscoreConfig config, MeterRegistry meters, TransparencyLog log) {
        this.meters = meters;
        this.log = log;
        this.engine = engine;
        this.models = models;
        this.inferences = inferences;
        this.proofs = proofs;
        this.maxAttempts = config.prover().maxAttempts();
    }

    /**
     * Runs attempt {@code attempt}. A retryable failure is rethrown for the job engine to retry with backoff,
     * until the last attempt, which ends the job as failed.
     */
    public void attempt(UUID inferenceId, int attempt) {
        InferenceRecord result = QuarkusTransaction.requiringNew().call(() -> {
            proofs.append(inferenceId, Kind.STARTED, attempt, null);
            return inferences.findById(inferenceId);
        });
        Timer.Sample sample = Timer.start(meters);
        String outcome = "retrying";
        try {
            ProofRecord proof = prove(result);
            QuarkusTransaction.requiringNew().run(() -> {
                proofs.store(proof);
                proofs.append(inferenceId, Kind.PROVEN, attempt, null);
                log.append(LogEntry.PROOF, inferenceId, LogRecords.proof(proof, CanonicalJson.sha256Hex(
                        proof.proofJson.getBytes(StandardCharsets.UTF_8))));
            });
            LOG.infof("Proved %s (attempt %d): logit %.4f, score %.4f", inferenceId, attempt, proof.logit, proof.score);
            outcome = "proven";
        } catch (Unprovable e) {
            outcome = "failed";
            end(inferenceId, attempt, Kind.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            String reason = describe(e);
            if (attempt >= maxAttempts) {
                outcome = "failed";
                end(inferenceId, attempt, Kind.FAILED, reason + " (attempt " + attempt + " of " + maxAttempts + ")");
                return;
            }
            end(inferenceId, attempt, Kind.RETRYING, reason);
            throw e;
        } finally {
            sample.stop(meters.timer("veriscore.proof.attempt", "model", result.modelId, "outcome", outcome));
        }
    }

    private ProofRecord prove(InferenceRecord result) {
        LoadedModel model = models.find(result.modelId)
                .filter(loaded -> loaded.descriptor().model().sha256().equals(result.modelSha256))
                .orElseThrow(() -> new Unprovable("model %s with SHA-256 %s is no longer loaded"
                        .formatted(result.modelId, result.modelSha256)));
        if (!(model.plugin() instanceof ProvableModel provable)) {
            throw new Unprovable("model " + result.modelId + " cannot be proven");
        }
        Circuit circuit = engine.circuit(model);
        Salt salt = Salt.random(); // a fresh one per attempt: only the stored proof's salt is ever given out
        Proof proof = engine.prove(model, provable.modelInput(result.input), salt);
        if (Math.abs(proof.score() - result.score) > ProofEngine.SCORE_TOLERANCE) {
            throw new Unprovable("the proven score %.6f differs from the stored score %.6f by more than %.2f"
                    .formatted(proof.score(), result.score, ProofEngine.SCORE_TOLERANCE));
        }
        return record(result.id, proof, salt, provable.provenLabels().of(proof.positive()), circuit);
    }

    private static ProofRecord record(UUID inferenceId, Proof proof, Salt salt, String label, Circuit circuit) {
        ProofRecord record = new ProofRecord();
        record.inferenceId = inferenceId;
        record.proofJson = proof.json();
        record.inputCommitment = proof.inputCommitment();
        record.outputInstance = proof.outputInstance();
        record.logit = proof.logit();
        record.score = proof.score();
        record.label = label;
        record.salt = salt.hex();
        record.profile = circuit.profile();
        record.provenModelSha256 = circuit.provenModelSha256();
        record.ezklVersion = proof.ezklVersion();
        record.logrows = circuit.logrows();
        record.settingsSha256 = circuit.settingsSha256();
        record.verifyingKeySha256 = circuit.verifyingKeySha256();
        record.srsSha256 = circuit.srsSha256();
        record.developmentSrs = circuit.developmentSrs();
        record.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return record;
    }

    private void end(UUID inferenceId, int attempt, Kind kind, String reason) {
        LOG.warnf("Proof of %s, attempt %d: %s (%s)", inferenceId, attempt, reason, kind);
        QuarkusTransaction.requiringNew().run(() -> {
            ProofEvent event = proofs.append(inferenceId, kind, attempt, reason);
            if (kind == Kind.FAILED) {
                log.append(LogEntry.PROOF, inferenceId, LogRecords.proofFailure(event));
            }
        });
    }

    private static String describe(RuntimeException e) {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        return message.length() <= MAX_REASON_LENGTH ? message : message.substring(0, MAX_REASON_LENGTH) + "...";
    }
}

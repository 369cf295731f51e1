package io.veriscore.app.proof;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.InferenceView;
import io.veriscore.app.inference.ProofSummary;
import io.veriscore.app.proof.ProofService.Tracked;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.CircuitSettings;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/inferences/{id}/proof}: the job's status and, once proven, the proof and what it states. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProofView(
        UUID inferenceId,
        ProofSummary.State status,
        int attempts,
        @Schema(nullable = true) String reason,
        Instant updatedAt,
        InferenceView.ModelRef model,
        @Schema(nullable = true) Statement statement,
        @Schema(nullable = true) Secret secret,
        @Schema(nullable = true) CircuitRef circuit,
        @Schema(nullable = true) Batch batch,
        @JsonRawValue @Schema(type = SchemaType.OBJECT, nullable = true, description = "EZKL's proof file, once proven") String proof) {

    static final String INSECURE = "INSECURE: this SRS was generated locally for development; whoever generated it"
            + " can forge proofs, so proofs made with it convince no third party";

    /**
     * What a proof states publicly: a commitment to the private input and its salt, and the logit, whose sigmoid is the
     * score and whose sign is the label.
     *
     * @param inputCommitment Poseidon commitment to the quantized input and the salt (little-endian field element, hex)
     * @param outputInstance  the logit quantized at 2^outputScale (little-endian field element, hex; p - |z| when
     *                        negative)
     * @param logit           the logit, dequantized from {@code outputInstance}; absent for proofs of the score circuits
     *                        made before logit proofs
     * @param score           sigmoid(logit)
     * @param label           the model's positive label exactly when the logit is at least 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Statement(String inputCommitment, String outputInstance, @Schema(nullable = true) Double logit, double score, double score100,
            String label) {

        public static Statement of(String commitment, String output, Double logit, double score, String label) {
            return new Statement(commitment, output, logit, score, Math.round(score * 1000) / 10.0, label);
        }

        public static Statement of(io.veriscore.zk.Statement statement, String label) {
            return of(statement.inputCommitment(), statement.outputInstance(), statement.logit(), statement.score(), label);
        }
    }

    /**
     * Present when the result was proven in a batch: {@code proof} is then the whole batch's proof, whose public
     * instances are the {@code rows} rows' commitments, then their logits; this result's are instances {@code row}
     * and {@code rows + row}. Rows without a result are filler (features 0, salt 0).
     */
    public record Batch(UUID id, int row, int rows) {}

    /**
     * Shown to the result's owner only: the salt committed with its input. With it and the features the owner recomputes
     * the commitment, as the API guide shows; without it nobody can test guesses of the features against the commitment.
     */
    public record Secret(String salt, String note) {

        public static Secret of(String salt) {
            return salt == null ? null : new Secret(salt, "the commitment is poseidon(q(f1), ..., q(fn), w1, w2, w3, w4):"
                    + " q(f) = round(float32(f) * 2^inputScale) as a field element, w1..w4 this salt's 4-byte big-endian"
                    + " words. Keep the salt secret: anyone holding it can test guesses of the features.");
        }
    }

    /**
     * The circuit a proof is valid for; fetch its artefacts from {@code GET /v1/models/{id}/circuit}.
     *
     * @param profile           fast, onchain or batch ({@code GET /v1/models/{id}/circuit?profile=batch})
     * @param provenModelSha256 SHA-256 of the proven graph, derived from the model (cut before its Sigmoid, salted)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CircuitRef(String ezklVersion, String profile, int logrows, String provenModelSha256, String settingsSha256,
            String verifyingKeySha256, Srs srs) {

        public static CircuitRef of(Circuit circuit) {
            return new CircuitRef(circuit.ezklVersion(), circuit.profile(), circuit.logrows(), circuit.provenModelSha256(),
                    circuit.settingsSha256(), circuit.verifyingKeySha256(), Srs.of(circuit.srsSha256(), circuit.developmentSrs()));
        }
    }

    /** The structured reference string; {@code warning} is present when it is a development one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Srs(String sha256, boolean development, @Schema(nullable = true) String warning) {

        public static Srs of(String sha256, boolean development) {
            return new Srs(sha256, development, development ? INSECURE : null);
        }
    }

    /** The view of {@code result}'s proof; {@code owner}: the caller is the client that owns the result. */
    public static ProofView of(InferenceRecord result, Tracked tracked, boolean owner) {
        ProofStatus status = tracked.status();
        ProofRecord proof = tracked.proof().orElse(null);
        return new ProofView(result.id, status.state(), status.attempts(), status.reason(), status.updatedAt(),
                new InferenceView.ModelRef(result.modelId, result.modelVersion, result.modelSha256),
                proof == null ? null : Statement.of(proof.inputCommitment, proof.outputInstance, proof.logit, proof.score, proof.label),
                proof == null || !owner ? null : Secret.of(proof.salt),
                proof == null ? null : new CircuitRef(proof.ezklVersion, proof.profile, proof.logrows, proof.provenModelSha256,
                        proof.settingsSha256, proof.verifyingKeySha256, Srs.of(proof.srsSha256, proof.developmentSrs)),
                proof == null || proof.batchId == null ? null : new Batch(proof.batchId, proof.batchRow, CircuitSettings.BATCH_ROWS),
                proof == null ? null : proof.proofJson);
    }
}

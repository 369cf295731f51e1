package io.veriscore.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.veriscore.app.persistence.InferenceRecord;
import io.veriscore.app.persistence.ProofRecord;
import io.veriscore.app.proof.ProofService.Tracked;
import io.veriscore.app.proof.ProofStatus;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.Proof;
import java.time.Instant;
import java.util.UUID;

/** {@code GET /v1/inferences/{id}/proof}: the job's status and, once proven, the proof and what it states. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProofView(
        UUID inferenceId,
        ProofStatus.State status,
        int attempts,
        String reason,
        Instant updatedAt,
        InferenceView.ModelRef model,
        Statement statement,
        CircuitRef circuit,
        @JsonRawValue String proof) {

    static final String INSECURE = "INSECURE: this SRS was generated locally for development; whoever generated it"
            + " can forge proofs, so proofs made with it convince no third party";

    /**
     * What a proof states publicly: a commitment to the private input and the score.
     *
     * @param inputCommitment Poseidon commitment to the quantized input (little-endian field element, hex)
     * @param outputInstance  the score quantized at 2^outputScale (little-endian field element, hex)
     * @param score           the score, dequantized from {@code outputInstance}
     */
    public record Statement(String inputCommitment, String outputInstance, double score, double score100) {

        static Statement of(String commitment, String output, double score) {
            return new Statement(commitment, output, score, Math.round(score * 1000) / 10.0);
        }

        static Statement of(Proof proof) {
            return of(proof.inputCommitment(), proof.outputInstance(), proof.score());
        }
    }

    /** The circuit a proof is valid for; fetch its artefacts from {@code GET /v1/models/{id}/circuit}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CircuitRef(String ezklVersion, int logrows, String settingsSha256, String verifyingKeySha256, Srs srs) {

        static CircuitRef of(Circuit circuit) {
            return new CircuitRef(circuit.ezklVersion(), circuit.logrows(), circuit.settingsSha256(),
                    circuit.verifyingKeySha256(), Srs.of(circuit.srsSha256(), circuit.developmentSrs()));
        }
    }

    /** The structured reference string; {@code warning} is present when it is a development one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Srs(String sha256, boolean development, String warning) {

        static Srs of(String sha256, boolean development) {
            return new Srs(sha256, development, development ? INSECURE : null);
        }
    }

    static ProofView of(InferenceRecord result, Tracked tracked) {
        ProofStatus status = tracked.status();
        ProofRecord proof = tracked.proof().orElse(null);
        return new ProofView(result.id, status.state(), status.attempts(), status.reason(), status.updatedAt(),
                new InferenceView.ModelRef(result.modelId, result.modelVersion, result.modelSha256),
                proof == null ? null : Statement.of(proof.inputCommitment, proof.outputInstance, proof.score),
                proof == null ? null : new CircuitRef(proof.ezklVersion, proof.logrows, proof.settingsSha256,
                        proof.verifyingKeySha256, Srs.of(proof.srsSha256, proof.developmentSrs)),
                proof == null ? null : proof.proofJson);
    }
}

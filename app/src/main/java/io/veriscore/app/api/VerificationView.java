package io.veriscore.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.veriscore.app.proof.ProofService.Checked;
import io.veriscore.spi.PluginDescriptor;
import io.veriscore.spi.ProvableModel;

/** The answer of {@code POST /v1/proofs:verify}: valid or not, and for a valid proof what it states. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationView(boolean valid, String reason, InferenceView.ModelRef model, ProofView.CircuitRef circuit,
        ProofView.Statement statement) {

    static VerificationView of(Checked checked) {
        PluginDescriptor d = checked.model().descriptor();
        String reason = checked.verification().valid() ? null : checked.verification().reason();
        return new VerificationView(checked.verification().valid(), reason,
                new InferenceView.ModelRef(d.id(), d.version(), d.model().sha256()), ProofView.CircuitRef.of(checked.circuit()),
                checked.statement().map(proof -> ProofView.Statement.of(proof,
                        ((ProvableModel) checked.model().plugin()).provenLabels().of(proof.positive()))).orElse(null));
    }

    /** Body of {@code POST /v1/proofs:verify}: a model id and an EZKL proof file. */
    public record Request(String model, com.fasterxml.jackson.databind.JsonNode proof) {}
}

package io.veriscore.app.proof;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.app.inference.InferenceView;
import io.veriscore.app.proof.ProofChecks.Checked;
import io.veriscore.spi.PluginDescriptor;
import io.veriscore.spi.ProvableModel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code POST /v1/proofs:verify}: valid or not, and for a valid proof what it states: {@code statement}
 * for a proof of one result, {@code rows} (one statement per row, filler rows included) for a batch proof.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationView(boolean valid, @Schema(nullable = true) String reason, InferenceView.ModelRef model, ProofView.CircuitRef circuit,
        @Schema(nullable = true) ProofView.Statement statement, @Schema(nullable = true) List<ProofView.Statement> rows) {

    public static VerificationView of(Checked checked) {
        PluginDescriptor d = checked.model().descriptor();
        String reason = checked.verification().valid() ? null : checked.verification().reason();
        ProvableModel provable = (ProvableModel) checked.model().plugin();
        List<ProofView.Statement> statements = checked.statements().stream()
                .map(s -> ProofView.Statement.of(s, provable.provenLabels().of(s.positive()))).toList();
        boolean batch = checked.circuit().rows() > 1;
        return new VerificationView(checked.verification().valid(), reason,
                new InferenceView.ModelRef(d.id(), d.version(), d.model().sha256()), ProofView.CircuitRef.of(checked.circuit()),
                batch || statements.isEmpty() ? null : statements.get(0), batch && !statements.isEmpty() ? statements : null);
    }

    /** Body of {@code POST /v1/proofs:verify}: a model id and an EZKL proof file. */
    public record Request(
            @NotBlank(message = "'model' is required: the id of a provable model from GET /v1/models") String model,
            @NotNull(message = "'proof' is required: the EZKL proof file as a JSON object") JsonNode proof) {}
}

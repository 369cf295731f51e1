package io.veriscore.app.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A stored result as the API shows it; {@code proof} is present when a proof was asked for, {@code onchain} once the
 * result was submitted for recording on-chain, {@code input} when the service computed the input from an image (the
 * client sent the others itself).
 */
public record InferenceView(
        UUID id,
        ModelRef model,
        double score,
        double score100,
        String label,
        Map<String, Object> details,
        String inputSha256,
        List<String> warnings,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) Map<String, Object> input,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) ProofSummary proof,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) OnchainSummary onchain) {

    /** The exact model that produced a result. */
    public record ModelRef(String id, String version, String sha256) {}

    public static List<InferenceView> of(List<InferenceRecord> records, Map<UUID, ProofSummary> proofs,
            Map<UUID, OnchainSummary> onchain) {
        return records.stream().map(record -> of(record, proofs.get(record.id), onchain.get(record.id))).toList();
    }

    public static InferenceView of(InferenceRecord record, ProofSummary proof, OnchainSummary onchain) {
        return new InferenceView(
                record.id,
                new ModelRef(record.modelId, record.modelVersion, record.modelSha256),
                record.score,
                Math.round(record.score * 1000) / 10.0,
                record.label,
                record.details,
                record.inputSha256,
                record.warnings,
                record.createdAt,
                record.details.containsKey("face") ? record.input : null, // what the service computed from the image
                proof,
                onchain);
    }

    /** Response to a batch request: one result per input, in order. */
    public record Batch(List<InferenceView> results) {}

    /** One page of a listing; {@code nextCursor} is null on the last page. */
    public record Page(List<InferenceView> items,
            @Schema(nullable = true) String nextCursor) {}
}

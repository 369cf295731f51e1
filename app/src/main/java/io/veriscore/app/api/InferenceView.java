package io.veriscore.app.api;

import io.veriscore.app.persistence.InferenceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored result as the API shows it. */
public record InferenceView(
        UUID id,
        ModelRef model,
        double score,
        double score100,
        String label,
        Map<String, Object> details,
        String inputSha256,
        List<String> warnings,
        Instant createdAt) {

    /** The exact model that produced a result. */
    public record ModelRef(String id, String version, String sha256) {}

    static InferenceView of(InferenceRecord record) {
        return new InferenceView(
                record.id,
                new ModelRef(record.modelId, record.modelVersion, record.modelSha256),
                record.score,
                Math.round(record.score * 1000) / 10.0,
                record.label,
                record.details,
                record.inputSha256,
                record.warnings,
                record.createdAt);
    }

    /** Response to a batch request: one result per input, in order. */
    public record Batch(List<InferenceView> results) {}

    /** One page of a listing; {@code nextCursor} is absent on the last page. */
    public record Page(List<InferenceView> items, String nextCursor) {}
}

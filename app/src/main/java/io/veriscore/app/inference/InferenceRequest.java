package io.veriscore.app.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of {@code POST /v1/inferences}: a model id and one {@code input} object, a batch of {@code inputs}, or an
 * {@code image} (base64 JPEG or PNG, for models that score faces) with the time it was taken, {@code capturedAt}
 * (RFC 3339 with its UTC offset), or a {@code recording} for models that cut one into windows (one result per
 * window); {@code prove: true} asks for a zero-knowledge proof of each result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // a request without 'prove' hashes as before, for idempotent retries
public record InferenceRequest(String model, JsonNode input, List<JsonNode> inputs, String image, String capturedAt,
        JsonNode recording, Boolean prove) {}

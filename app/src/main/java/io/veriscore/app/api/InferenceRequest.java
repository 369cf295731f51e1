package io.veriscore.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of {@code POST /v1/inferences}: a model id and either one {@code input} object or a batch of
 * {@code inputs}; {@code prove: true} asks for a zero-knowledge proof of each result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // a request without 'prove' hashes as before, for idempotent retries
public record InferenceRequest(String model, JsonNode input, List<JsonNode> inputs, Boolean prove) {}

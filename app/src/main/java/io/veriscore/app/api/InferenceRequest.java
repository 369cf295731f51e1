package io.veriscore.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of {@code POST /v1/inferences}: a model id and either one {@code input} object or a batch of
 * {@code inputs}.
 */
public record InferenceRequest(String model, JsonNode input, List<JsonNode> inputs) {}

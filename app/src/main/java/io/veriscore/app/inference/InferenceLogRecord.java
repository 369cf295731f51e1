package io.veriscore.app.inference;

import io.veriscore.app.log.LogRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A stored result, as its client was answered. */
public record InferenceLogRecord(InferenceRecord r) implements LogRecord {

    public static final String KIND = "inference";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public UUID subjectId() {
        return r.id;
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "inference");
        body.put("id", r.id.toString());
        body.put("model", Map.of("id", r.modelId, "version", r.modelVersion, "sha256", r.modelSha256));
        body.put("inputSha256", r.inputSha256);
        body.put("score", r.score);
        body.put("label", r.label);
        body.put("details", r.details);
        body.put("warnings", r.warnings);
        body.put("createdAt", r.createdAt.toString());
        body.put("client", r.client);
        return body;
    }
}

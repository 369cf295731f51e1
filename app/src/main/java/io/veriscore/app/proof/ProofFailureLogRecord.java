package io.veriscore.app.proof;

import io.veriscore.app.log.LogRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A proof job that gave up: its last event, with the reason. */
public record ProofFailureLogRecord(ProofEvent failed) implements LogRecord {

    @Override
    public String kind() {
        return ProofLogRecord.KIND;
    }

    @Override
    public UUID subjectId() {
        return failed.inferenceId;
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "proof");
        body.put("inferenceId", failed.inferenceId.toString());
        body.put("status", "failed");
        body.put("attempts", failed.attempt);
        body.put("reason", failed.reason);
        body.put("createdAt", failed.createdAt.toString());
        return body;
    }
}

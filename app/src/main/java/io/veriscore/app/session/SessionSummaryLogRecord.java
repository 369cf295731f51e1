package io.veriscore.app.session;

import io.veriscore.app.log.LogRecord;
import java.util.Map;
import java.util.UUID;

/** A session's summary: its body is the stored summary itself. */
public record SessionSummaryLogRecord(SessionSummary s) implements LogRecord {

    public static final String KIND = "session-summary";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public UUID subjectId() {
        return s.sessionId;
    }

    @Override
    public Map<String, Object> body() {
        return s.summary;
    }
}

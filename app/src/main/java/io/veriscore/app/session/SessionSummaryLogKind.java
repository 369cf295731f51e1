package io.veriscore.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.app.log.LogEntry;
import io.veriscore.app.log.LogRecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/** Session summaries' records, made again from the stored summary. */
@ApplicationScoped
class SessionSummaryLogKind implements LogRecordKind {

    private final EntityManager entities;

    SessionSummaryLogKind(EntityManager entities) {
        this.entities = entities;
    }

    @Override
    public String kind() {
        return SessionSummaryLogRecord.KIND;
    }

    @Override
    public Optional<SessionSummaryLogRecord> current(LogEntry entry, JsonNode body) {
        return Optional.ofNullable(entities.find(SessionSummary.class, entry.subjectId)).map(SessionSummaryLogRecord::new);
    }
}

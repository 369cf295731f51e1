package io.veriscore.app.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.app.log.LogEntry;
import io.veriscore.app.log.LogRecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/** Results' records, made again from the stored result. */
@ApplicationScoped
class InferenceLogKind implements LogRecordKind {

    private final EntityManager entities;

    InferenceLogKind(EntityManager entities) {
        this.entities = entities;
    }

    @Override
    public String kind() {
        return InferenceLogRecord.KIND;
    }

    @Override
    public Optional<InferenceLogRecord> current(LogEntry entry, JsonNode body) {
        return Optional.ofNullable(entities.find(InferenceRecord.class, entry.subjectId)).map(InferenceLogRecord::new);
    }
}

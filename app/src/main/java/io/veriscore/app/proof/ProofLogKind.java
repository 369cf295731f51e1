package io.veriscore.app.proof;

import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.log.LogEntry;
import io.veriscore.app.log.LogRecord;
import io.veriscore.app.log.LogRecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Proofs' records (proven or failed), made again from the stored proof or the job's last event. */
@ApplicationScoped
class ProofLogKind implements LogRecordKind {

    private final EntityManager entities;
    private final ProofRepository proofs;

    ProofLogKind(EntityManager entities, ProofRepository proofs) {
        this.entities = entities;
        this.proofs = proofs;
    }

    @Override
    public String kind() {
        return ProofLogRecord.KIND;
    }

    @Override
    public Optional<? extends LogRecord> current(LogEntry entry, JsonNode body) {
        return failed(body)
                ? proofs.failure(entry.subjectId).map(ProofFailureLogRecord::new)
                : Optional.ofNullable(entities.find(ProofRecord.class, entry.subjectId)).map(ProofLogRecord::new);
    }

    /** The proof file, and the model it proves, for the offline auditor to verify with EZKL. */
    @Override
    public Map<String, Object> attachments(LogEntry entry, JsonNode body) {
        Map<String, Object> attached = new LinkedHashMap<>();
        if (!failed(body)) {
            Optional.ofNullable(entities.find(ProofRecord.class, entry.subjectId)).ifPresent(proof -> attached.put("proofFile", proof.proofJson));
            Optional.ofNullable(entities.find(InferenceRecord.class, entry.subjectId)).ifPresent(result -> attached.put("model", result.modelId));
        }
        return attached;
    }

    private static boolean failed(JsonNode body) {
        return body.path("status").asText().equals("failed");
    }
}

package io.veriscore.app.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.app.canonical.CanonicalValues;
import io.veriscore.app.signing.ServiceKeys;
import io.veriscore.app.signing.ServiceKeys.Signature;
import io.veriscore.transparency.Merkle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Appends signed records to the log, in the caller's transaction: a record is stored, signed and queued for the
 * tree together, or not at all. The {@link LogSequencer} later gives it its leaf index.
 */
@ApplicationScoped
public class TransparencyLog {

    private final ServiceKeys keys;
    private final EntityManager entities;
    private final ObjectMapper mapper;
    private final Event<LogEntryAppended> appended;

    TransparencyLog(ServiceKeys keys, EntityManager entities, ObjectMapper mapper, Event<LogEntryAppended> appended) {
        this.keys = keys;
        this.appended = appended;
        this.entities = entities;
        this.mapper = mapper;
    }

    public LogEntry append(LogRecord record) {
        return append(sign(record));
    }

    /**
     * The record canonicalized, hashed and signed: pure work that a caller may do outside its transaction, so that
     * a transaction shared by many requests (the write path's group commit) holds only the inserts.
     */
    public LogEntry sign(LogRecord record) {
        byte[] body = CanonicalValues.canonicalize(mapper, record.body()).getBytes(StandardCharsets.UTF_8);
        Signature signature = keys.sign(body);
        LogEntry entry = new LogEntry();
        entry.id = UUID.randomUUID();
        entry.kind = record.kind();
        entry.subjectId = record.subjectId();
        entry.body = new String(body, StandardCharsets.UTF_8);
        entry.leafHash = Merkle.leafHash(body);
        entry.keyId = signature.keyId();
        entry.signature = signature.bytes();
        entry.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return entry;
    }

    /** Stores a signed entry and queues it for the tree, in the caller's transaction. */
    public LogEntry append(LogEntry entry) {
        entities.persist(entry);
        QueuedEntry queued = new QueuedEntry();
        queued.entryId = entry.id;
        queued.queuedAt = entry.createdAt;
        entities.persist(queued);
        appended.fire(new LogEntryAppended(entry));
        return entry;
    }
}

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
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

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

    /**
     * Stores many signed entries and queues them for the tree, in the caller's transaction: two JDBC batches (the write
     * path's group commit inserts a whole group's entries so, without a Hibernate flush).
     */
    public void appendAll(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        entities.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement entry = connection.prepareStatement("INSERT INTO log_entry (id, kind, subject_id, body,"
                    + " leaf_hash, key_id, signature, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement queued = connection.prepareStatement("INSERT INTO log_queue (entry_id, queued_at) VALUES (?, ?)")) {
                for (LogEntry e : entries) {
                    entry.setObject(1, e.id);
                    entry.setString(2, e.kind);
                    entry.setObject(3, e.subjectId);
                    entry.setString(4, e.body);
                    entry.setBytes(5, e.leafHash);
                    entry.setString(6, e.keyId);
                    entry.setBytes(7, e.signature);
                    entry.setObject(8, e.createdAt.atOffset(ZoneOffset.UTC));
                    entry.addBatch();
                    queued.setObject(1, e.id);
                    queued.setObject(2, e.createdAt.atOffset(ZoneOffset.UTC));
                    queued.addBatch();
                }
                entry.executeBatch();
                queued.executeBatch();
            }
        });
        entries.forEach(e -> appended.fire(new LogEntryAppended(e)));
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

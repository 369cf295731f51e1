package io.veriscore.app.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.veriscore.app.signing.ServiceKeys;
import io.veriscore.app.signing.ServiceKeys.Signature;
import io.veriscore.transparency.MerkleTree;
import io.veriscore.transparency.TreeHeadBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Gives waiting log entries their leaf indices, in the order they were queued, extends the Merkle tree and signs a
 * new tree head, all in one transaction. One instance at a time sequences (a PostgreSQL advisory lock); the
 * others skip their turn. Entries are queued by {@link TransparencyLog} in the transaction that stores them.
 */
@ApplicationScoped
public class LogSequencer {

    private static final Logger LOG = Logger.getLogger(LogSequencer.class);
    /** Advisory-lock key of the log: "veriscor" in ASCII. */
    private static final long LOCK = 0x7665726973636f72L;

    private record Waiting(UUID entryId, byte[] leafHash) {}

    private final EntityManager entities;
    private final ServiceKeys keys;
    private final int batchSize;

    private final Counter failures;

    LogSequencer(EntityManager entities, ServiceKeys keys, LogConfig logConfig, MeterRegistry meters) {
        this.failures = Counter.builder("veriscore.log.sequencer.failures")
                .description("Turns of the log sequencer that failed (entries wait for the next turn)").register(meters);
        this.entities = entities;
        this.keys = keys;
        this.batchSize = logConfig.batchSize();
    }

    /** How sequencing has gone lately: health reports it, a counter counts the failures. */
    public record Progress(Instant lastSuccess, int consecutiveFailures, String lastFailure) {}

    private volatile Progress progress = new Progress(null, 0, null);

    @Scheduled(every = "${veriscore.log.sequence-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            sequence();
            progress = new Progress(Instant.now(), 0, null);
        } catch (RuntimeException e) { // the database is away, say: the entries wait in the queue for the next turn
            LOG.warnf("Log sequencing failed; retrying at the next turn: %s", e.getMessage());
            failures.increment();
            Progress before = progress;
            progress = new Progress(before.lastSuccess(), before.consecutiveFailures() + 1, String.valueOf(e.getMessage()));
        }
    }

    public Progress progress() {
        return progress;
    }

    /** One step; returns the tree size after it, or -1 when another instance is sequencing. */
    public long sequence() {
        return QuarkusTransaction.requiringNew().call(() -> entities.unwrap(Session.class).doReturningWork(this::step));
    }

    private long step(Connection connection) throws SQLException {
        if (!tryLock(connection)) {
            return -1;
        }
        long size = size(connection);
        List<Waiting> batch = waiting(connection);
        if (batch.isEmpty() && hasHead(connection, size)) {
            return size;
        }
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        DatabaseNodes nodes = new DatabaseNodes(connection);
        try (PreparedStatement leaves = connection.prepareStatement(
                     "insert into log_leaf (leaf_index, entry_id, sequenced_at) values (?, ?, ?)");
             PreparedStatement dequeue = connection.prepareStatement("delete from log_queue where entry_id = ?")) {
            for (Waiting entry : batch) {
                leaves.setLong(1, size);
                leaves.setObject(2, entry.entryId());
                leaves.setTimestamp(3, now);
                leaves.addBatch();
                dequeue.setObject(1, entry.entryId());
                dequeue.addBatch();
                nodes.append(size++, entry.leafHash());
            }
            leaves.executeBatch();
            dequeue.executeBatch();
        }
        nodes.flush();
        issueHead(connection, size, new MerkleTree(nodes).root(size), now.toInstant());
        return size;
    }

    private void issueHead(Connection connection, long size, byte[] root, Instant issuedAt) throws SQLException {
        byte[] body = TreeHeadBody.of(size, root, issuedAt);
        Signature signature = keys.sign(body);
        try (PreparedStatement head = connection.prepareStatement(
                "insert into tree_head (tree_size, root_hash, issued_at, key_id, signature) values (?, ?, ?, ?, ?)")) {
            head.setLong(1, size);
            head.setBytes(2, root);
            head.setTimestamp(3, Timestamp.from(issuedAt));
            head.setString(4, signature.keyId());
            head.setBytes(5, signature.bytes());
            head.executeUpdate();
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static long size(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select coalesce(max(leaf_index) + 1, 0) from log_leaf");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static boolean hasHead(Connection connection, long size) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from tree_head where tree_size = ?")) {
            query.setLong(1, size);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private List<Waiting> waiting(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select q.entry_id, e.leaf_hash from log_queue q join log_entry e on e.id = q.entry_id
                order by q.queued_at, q.entry_id limit ?""")) {
            query.setInt(1, batchSize);
            try (ResultSet rows = query.executeQuery()) {
                List<Waiting> batch = new ArrayList<>();
                while (rows.next()) {
                    batch.add(new Waiting(rows.getObject(1, UUID.class), rows.getBytes(2)));
                }
                return batch;
            }
        }
    }
}

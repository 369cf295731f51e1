package io.veriscore.app.log;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.transparency.MerkleTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** The audit API's reads of the log: tree heads, a result's entries, inclusion and consistency proofs. */
@ApplicationScoped
public class LogQueries {

    private final EntityManager entities;

    LogQueries(EntityManager entities) {
        this.entities = entities;
    }

    /** A log entry and, once sequenced, its leaf index. */
    public record Entry(LogEntry entry, Optional<Long> leafIndex) {}

    public record Inclusion(LogEntry entry, long leafIndex, long treeSize, List<byte[]> proof, byte[] rootHash) {}

    public TreeHeadRecord latestHead() {
        return latestHeadIfAny().orElseThrow(() -> VeriscoreException.unavailable("the log has no tree head yet", 1));
    }

    public Optional<TreeHeadRecord> latestHeadIfAny() {
        return QuarkusTransaction.joiningExisting().call(() -> entities
                .createQuery("from TreeHeadRecord order by treeSize desc", TreeHeadRecord.class).setMaxResults(1)
                .getResultStream().findFirst());
    }

    public Optional<TreeHeadRecord> head(long treeSize) {
        return QuarkusTransaction.joiningExisting().call(() -> Optional.ofNullable(entities.find(TreeHeadRecord.class, treeSize)));
    }

    /** The entries about a result, in the order they were made. */
    public List<Entry> entries(UUID subjectId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<LogEntry> found = entities.createQuery("from LogEntry where subjectId = ?1 order by createdAt, id", LogEntry.class)
                    .setParameter(1, subjectId).getResultList();
            return found.stream().map(entry -> new Entry(entry, leafIndex(entry.id))).toList();
        });
    }

    /** Proves that entry {@code entryId} is in the tree of {@code treeSize} leaves (default: the latest tree head). */
    public Inclusion inclusion(UUID entryId, Optional<Long> treeSize) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            LogEntry entry = Optional.ofNullable(entities.find(LogEntry.class, entryId))
                    .orElseThrow(() -> VeriscoreException.notFound("no log entry with id " + entryId));
            long index = leafIndex(entryId).orElseThrow(() -> VeriscoreException.unavailable(
                    "entry " + entryId + " is not in the tree yet; it is added within a second", 1));
            long size = treeSize.orElseGet(() -> latestHead().treeSize);
            requireSigned(size);
            if (index >= size) {
                throw VeriscoreException.invalidRequest("entry " + entryId + " is leaf " + index + ", not in a tree of size " + size);
            }
            MerkleTree tree = tree();
            return new Inclusion(entry, index, size, tree.inclusionProof(index, size), tree.root(size));
        });
    }

    /** Proves that the tree of {@code to} leaves extends the tree of {@code from}; both need signed tree heads. */
    public List<byte[]> consistency(long from, long to) {
        if (from < 0 || from > to) {
            throw VeriscoreException.invalidRequest("'from' must be between 0 and 'to'");
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            requireSigned(from);
            requireSigned(to);
            return tree().consistencyProof(from, to);
        });
    }

    private Optional<Long> leafIndex(UUID entryId) {
        List<?> rows = entities.createNativeQuery("select leaf_index from log_leaf where entry_id = ?1", Long.class)
                .setParameter(1, entryId).getResultList();
        return rows.stream().findFirst().map(row -> ((Number) row).longValue());
    }

    private void requireSigned(long size) {
        if (head(size).isEmpty()) {
            throw VeriscoreException.notFound("no signed tree head of size " + size + "; see GET /v1/audit/tree-head");
        }
    }

    /** The tree as stored; reads its nodes through the current transaction's connection. */
    MerkleTree tree() {
        return new MerkleTree((level, index) -> entities.unwrap(Session.class).doReturningWork(
                connection -> new DatabaseNodes(connection).node(level, index)));
    }
}

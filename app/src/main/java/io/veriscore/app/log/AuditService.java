package io.veriscore.app.log;

import io.veriscore.app.chain.ChainRepository;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.proof.ProofRecord;
import io.veriscore.app.proof.ProofRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.canonical.CanonicalJson;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.signing.ServiceKeys;
import io.veriscore.transparency.LogAudit;
import io.veriscore.transparency.MerkleTree;
import io.veriscore.transparency.Sha256;
import io.veriscore.transparency.VerifyingKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.hibernate.Session;

/** Reading the log as an auditor does: tree heads, inclusion and consistency proofs, and a full re-check. */
@ApplicationScoped
public class AuditService {

    /** A log entry and, once sequenced, its leaf index. */
    public record Entry(LogEntry entry, Optional<Long> leafIndex) {}

    public record Inclusion(LogEntry entry, long leafIndex, long treeSize, List<byte[]> proof, byte[] rootHash) {}

    /** Something that does not check out, and what it concerns: an entry (its leaf index), a tree head (its size) or a result. */
    public record Discrepancy(UUID entryId, Long leafIndex, Long treeSize, UUID subjectId, String problem) {}

    public record Report(long treeSize, long entriesChecked, long treeHeadsChecked, List<Discrepancy> discrepancies) {}

    private final EntityManager entities;
    private final ServiceKeys keys;
    private final ObjectMapper mapper;
    private final ProofRepository proofs;
    private final ChainRepository chains;

    AuditService(EntityManager entities, ServiceKeys keys, ObjectMapper mapper, ProofRepository proofs, ChainRepository chains) {
        this.chains = chains;
        this.entities = entities;
        this.proofs = proofs;
        this.keys = keys;
        this.mapper = mapper;
    }

    public TreeHeadRecord latestHead() {
        return QuarkusTransaction.joiningExisting().call(() -> entities
                .createQuery("from TreeHeadRecord order by treeSize desc", TreeHeadRecord.class).setMaxResults(1)
                .getResultStream().findFirst().orElseThrow(() -> VeriscoreException.unavailable("the log has no tree head yet", 1)));
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

    /**
     * Re-checks the log with the one verifier every auditor uses ({@link LogAudit}), over this service's own export:
     * every entry's leaf hash against its body and its signature against its key, every result, proof and on-chain row
     * against the record signed for it, every signed tree head against the tree rebuilt from the leaves, consistency
     * between successive tree heads and every leaf's inclusion in the latest; then that every result has a record.
     * The export is read back from a temporary file, so a large log is checked in bounded memory.
     */
    public Report verify() {
        Map<String, VerifyingKey> published = keys.published().stream()
                .collect(Collectors.toMap(p -> p.key().keyId(), ServiceKeys.Published::key, (a, b) -> a));
        Path file = null;
        try {
            file = Files.createTempFile("veriscore-audit-", ".jsonl");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                export(out, false, TimeRange.ALL);
            }
            LogAudit.Report audit;
            try (BufferedReader export = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                audit = new LogAudit(published, Optional.empty()).check(export);
            }
            List<Discrepancy> problems = new ArrayList<>(audit.findings().stream().map(AuditService::discrepancy).toList());
            QuarkusTransaction.requiringNew().call(this::unlogged)
                    .forEach(id -> problems.add(new Discrepancy(null, null, null, id, "this result has no signed record in the log")));
            return new Report(audit.entries(), audit.entries(), audit.treeHeads(), problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static Discrepancy discrepancy(LogAudit.Finding finding) {
        return new Discrepancy(uuid(finding.entryId()), finding.treeSize() == null ? finding.leafIndex() : null,
                finding.treeSize(), uuid(finding.subjectId()), finding.problem());
    }

    private static UUID uuid(String text) {
        try {
            return text == null || text.isEmpty() ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Writes the log up to its latest signed tree head as JSON Lines, for the offline auditor: the published keys,
     * every leaf's entry with the record its rows call for now ({@code current}; absent when the row is gone), and
     * every signed tree head. With {@code withProofs}, proven entries carry their EZKL proof file.
     */
    public void export(OutputStream out, boolean withProofs, TimeRange range) {
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                TreeHeadRecord latest = latestHead();
                for (ServiceKeys.Published key : keys.published()) {
                    line(out, Map.of("type", "key", "kid", key.key().keyId(), "x", key.key().jwkX(), "createdAt", key.createdAt().toString()));
                }
                MerkleTree tree = tree();
                forEachLeaf(latest.treeSize, range, (index, entry) -> {
                    Map<String, Object> line = exported(index, entry, withProofs);
                    if (range.partial()) { // without the other leaves, each entry proves its own place in the latest head
                        line.put("inclusion", tree.inclusionProof(index, latest.treeSize).stream().map(HexFormat.of()::formatHex).toList());
                    }
                    line(out, line);
                }, missing -> {});
                for (TreeHeadRecord head : entities.createQuery("from TreeHeadRecord where treeSize <= ?1 order by treeSize",
                        TreeHeadRecord.class).setParameter(1, latest.treeSize).getResultList()) {
                    line(out, Map.of("type", "tree-head", "treeSize", head.treeSize, "rootHash", HexFormat.of().formatHex(head.rootHash),
                            "issuedAt", head.issuedAt.toString(), "keyId", head.keyId,
                            "signature", Base64.getEncoder().encodeToString(head.signature)));
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Map<String, Object> exported(long index, LogEntry entry, boolean withProofs) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "entry");
        line.put("leafIndex", index);
        line.put("id", entry.id.toString());
        line.put("kind", entry.kind);
        line.put("subjectId", entry.subjectId.toString());
        line.put("body", entry.body);
        line.put("leafHash", HexFormat.of().formatHex(entry.leafHash));
        line.put("keyId", entry.keyId);
        line.put("signature", Base64.getEncoder().encodeToString(entry.signature));
        expectedBody(entry).ifPresent(current -> line.put("current", current));
        if (withProofs && entry.kind.equals(LogEntry.PROOF) && !isFailure(entry)) {
            Optional.ofNullable(entities.find(ProofRecord.class, entry.subjectId)).ifPresent(proof -> line.put("proofFile", proof.proofJson));
            Optional.ofNullable(entities.find(InferenceRecord.class, entry.subjectId)).ifPresent(result -> line.put("model", result.modelId));
        }
        return line;
    }

    private void line(OutputStream out, Map<String, Object> value) {
        try {
            out.write(mapper.writeValueAsBytes(value));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries made in [from, to); either end may be open. Partial unless both are. */
    public record TimeRange(Optional<Instant> from, Optional<Instant> to) {

        public static final TimeRange ALL = new TimeRange(Optional.empty(), Optional.empty());

        boolean partial() {
            return from.isPresent() || to.isPresent();
        }
    }

    /** Visits the leaves below {@code size} in order, with their entries; reports gaps in the leaf indices. */
    private long forEachLeaf(long size, TimeRange range, BiConsumer<Long, LogEntry> visit, LongConsumer missing) {
        return entities.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    select l.leaf_index, e.id from log_leaf l join log_entry e on e.id = l.entry_id
                    where l.leaf_index < ? and e.created_at >= ? and e.created_at < ? order by l.leaf_index""")) {
                query.setLong(1, size);
                query.setTimestamp(2, Timestamp.from(range.from().orElse(Instant.EPOCH)));
                query.setTimestamp(3, Timestamp.from(range.to().orElse(Instant.parse("9999-12-31T00:00:00Z"))));
                query.setFetchSize(1000);
                try (ResultSet rows = query.executeQuery()) {
                    long count = 0;
                    while (rows.next()) {
                        long index = rows.getLong(1);
                        for (; count < index && !range.partial(); count++) {
                            missing.accept(count);
                        }
                        count = index;
                        LogEntry entry = entities.find(LogEntry.class, rows.getObject(2, UUID.class));
                        visit.accept(index, entry);
                        entities.detach(entry);
                        count++;
                    }
                    return count;
                }
            }
        });
    }

    /** The body the entry's rows call for now; empty when the row is gone. */
    private Optional<String> expectedBody(LogEntry entry) {
        if (entry.kind.equals(LogEntry.INFERENCE)) {
            return Optional.ofNullable(entities.find(InferenceRecord.class, entry.subjectId))
                    .map(row -> CanonicalJson.canonicalize(mapper, LogRecords.inference(row)));
        }
        if (entry.kind.equals(LogEntry.ONCHAIN)) {
            return submissionOf(entry).flatMap(chains::submission).flatMap(submission -> chains.finalEvent(submission.id)
                    .map(end -> CanonicalJson.canonicalize(mapper, LogRecords.onchain(submission,
                            chains.deployment(submission.deploymentId).orElseThrow(), end))));
        }
        if (isFailure(entry)) {
            return proofs.failure(entry.subjectId).map(event -> CanonicalJson.canonicalize(mapper, LogRecords.proofFailure(event)));
        }
        return Optional.ofNullable(entities.find(ProofRecord.class, entry.subjectId))
                .map(row -> CanonicalJson.canonicalize(mapper, LogRecords.proof(row,
                        Sha256.hex(row.proofJson))));
    }

    private Optional<UUID> submissionOf(LogEntry entry) {
        try {
            return Optional.of(UUID.fromString(mapper.readTree(entry.body).path("submissionId").asText()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty(); // reported as a missing submission
        }
    }

    private boolean isFailure(LogEntry entry) {
        try {
            return mapper.readTree(entry.body).path("status").asText().equals("failed");
        } catch (JsonProcessingException e) {
            return false; // an unreadable body fails the comparison with the proof row instead
        }
    }

    private List<UUID> unlogged() {
        return entities.createQuery("""
                select i.id from InferenceRecord i where not exists
                (select 1 from LogEntry e where e.subjectId = i.id and e.kind = 'inference')""", UUID.class).getResultList();
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
    private MerkleTree tree() {
        return new MerkleTree((level, index) -> entities.unwrap(Session.class).doReturningWork(
                connection -> new DatabaseNodes(connection).node(level, index)));
    }
}

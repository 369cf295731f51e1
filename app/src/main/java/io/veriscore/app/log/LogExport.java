package io.veriscore.app.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.canonical.CanonicalValues;
import io.veriscore.app.signing.ServiceKeys;
import io.veriscore.transparency.MerkleTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.hibernate.Session;

/** The log as JSON Lines for auditors ({@code GET /v1/audit/export}), which {@link LogReverification} checks too. */
@ApplicationScoped
public class LogExport {

    private final EntityManager entities;
    private final LogQueries queries;
    private final ServiceKeys keys;
    private final ObjectMapper mapper;
    private final Map<String, LogRecordKind> kinds;

    LogExport(EntityManager entities, LogQueries queries, ServiceKeys keys, ObjectMapper mapper, @All List<LogRecordKind> kinds) {
        this.entities = entities;
        this.queries = queries;
        this.keys = keys;
        this.mapper = mapper;
        this.kinds = kinds.stream().collect(Collectors.toMap(LogRecordKind::kind, Function.identity()));
    }

    /** Entries made in [from, to); either end may be open. Partial unless both are. */
    public record TimeRange(Optional<Instant> from, Optional<Instant> to) {

        public static final TimeRange ALL = new TimeRange(Optional.empty(), Optional.empty());

        boolean partial() {
            return from.isPresent() || to.isPresent();
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
                TreeHeadRecord latest = queries.latestHead();
                for (ServiceKeys.Published key : keys.published()) {
                    line(out, Map.of("type", "key", "kid", key.key().keyId(), "x", key.key().jwkX(), "createdAt", key.createdAt().toString()));
                }
                MerkleTree tree = queries.tree();
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
        JsonNode body = parsed(entry);
        Optional<LogRecordKind> kind = Optional.ofNullable(kinds.get(entry.kind));
        kind.flatMap(k -> k.current(entry, body)).ifPresent(current -> line.put("current", CanonicalValues.canonicalize(mapper, current.body())));
        if (withProofs) {
            kind.ifPresent(k -> line.putAll(k.attachments(entry, body)));
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

    /** The signed body, parsed; an unreadable one (which then fails the comparison with its rows) as a missing node. */
    private JsonNode parsed(LogEntry entry) {
        try {
            return mapper.readTree(entry.body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}

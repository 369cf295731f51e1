package io.veriscore.app.log;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.signing.ServiceKeys;
import io.veriscore.transparency.LogAudit;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@code POST /v1/audit/verify}: the log re-checked by the verifier every auditor runs, then every result's record. */
@ApplicationScoped
public class LogReverification {

    private final EntityManager entities;
    private final ServiceKeys keys;
    private final LogExport export;

    LogReverification(EntityManager entities, ServiceKeys keys, LogExport export) {
        this.entities = entities;
        this.keys = keys;
        this.export = export;
    }

    /** Something that does not check out, and what it concerns: an entry (its leaf index), a tree head (its size) or a result. */
    public record Discrepancy(UUID entryId, Long leafIndex, Long treeSize, UUID subjectId, String problem) {}

    public record Report(long treeSize, long entriesChecked, long treeHeadsChecked, List<Discrepancy> discrepancies) {}

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
                export.export(out, false, LogExport.TimeRange.ALL);
            }
            LogAudit.Report audit;
            try (BufferedReader export = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                audit = new LogAudit(published, Optional.empty()).check(export);
            }
            List<Discrepancy> problems = new ArrayList<>(audit.findings().stream().map(LogReverification::discrepancy).toList());
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

    private List<UUID> unlogged() {
        return entities.createQuery("""
                select i.id from InferenceRecord i where not exists
                (select 1 from LogEntry e where e.subjectId = i.id and e.kind = 'inference')""", UUID.class).getResultList();
    }
}

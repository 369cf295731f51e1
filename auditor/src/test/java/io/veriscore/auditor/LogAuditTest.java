package io.veriscore.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.transparency.LogAudit;
import io.veriscore.transparency.MemoryTree;
import io.veriscore.transparency.Merkle;
import io.veriscore.transparency.MerkleTree;
import io.veriscore.transparency.SigningKey;
import io.veriscore.transparency.TreeHeadBody;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auditor on exports built here, signed with a key of its own: a faithful one passes, every alteration is found. */
class LogAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SigningKey KEY = SigningKey.generate(new SecureRandom());
    private static final Map<String, io.veriscore.transparency.VerifyingKey> KEYS = Map.of(KEY.verifyingKey().keyId(), KEY.verifyingKey());

    /** An export of {@code size} records with tree heads at sizes 3 and {@code size}, as the service writes it. */
    static List<String> export(int size) throws Exception {
        List<String> lines = new ArrayList<>();
        MemoryTree tree = new MemoryTree();
        for (int i = 0; i < size; i++) {
            String body = "{\"id\":\"result-" + i + "\",\"score\":0." + (i + 1) + ",\"type\":\"inference\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            tree.append(Merkle.leafHash(bytes));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "entry");
            line.put("leafIndex", i);
            line.put("id", "entry-" + i);
            line.put("kind", "inference");
            line.put("subjectId", "result-" + i);
            line.put("body", body);
            line.put("leafHash", HexFormat.of().formatHex(Merkle.leafHash(bytes)));
            line.put("keyId", KEY.verifyingKey().keyId());
            line.put("signature", Base64.getEncoder().encodeToString(KEY.sign(bytes)));
            line.put("current", body);
            lines.add(JSON.writeValueAsString(line));
        }
        for (long headSize : new long[] {3, size}) {
            byte[] root = new MerkleTree(tree).root(headSize);
            Instant at = Instant.parse("2026-11-23T18:00:00Z").plusSeconds(headSize);
            lines.add(JSON.writeValueAsString(Map.of("type", "tree-head", "treeSize", headSize,
                    "rootHash", HexFormat.of().formatHex(root), "issuedAt", at.toString(), "keyId", KEY.verifyingKey().keyId(),
                    "signature", Base64.getEncoder().encodeToString(KEY.sign(TreeHeadBody.of(headSize, root, at))))));
        }
        return lines;
    }

    static LogAudit.Report audit(List<String> lines) throws Exception {
        return new LogAudit(KEYS, Optional.empty()).check(new BufferedReader(new StringReader(String.join("\n", lines))));
    }

    @Test
    void aFaithfulExportIsConsistent() throws Exception {
        LogAudit.Report report = audit(export(7));
        assertTrue(report.consistent(), report.findings().toString());
        assertEquals(7, report.entries());
        assertEquals(2, report.treeHeads());
    }

    @Test
    void aRowChangedAfterSigningIsNamed() throws Exception {
        List<String> lines = export(7);
        lines.set(4, lines.get(4).replace("\"current\":\"{\\\"id\\\":\\\"result-4\\\",\\\"score\\\":0.5",
                "\"current\":\"{\\\"id\\\":\\\"result-4\\\",\\\"score\\\":0.9"));
        LogAudit.Report report = audit(lines);
        assertEquals(1, report.findings().size(), report.findings().toString());
        assertEquals("entry-4", report.findings().get(0).entryId());
        assertTrue(report.findings().get(0).problem().contains("differs from the record signed for it"));
    }

    @Test
    void aRewrittenRecordBreaksItsSignatureAndTheTree() throws Exception {
        List<String> lines = export(7);
        lines.set(2, lines.get(2).replace("0.3", "0.8"));
        LogAudit.Report report = audit(lines);
        assertTrue(report.findings().stream().anyMatch(f -> "entry-2".equals(f.entryId()) && f.problem().contains("signature")),
                report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.problem().contains("not the root")), report.findings().toString());
    }

    @Test
    void aRemovedOrMovedRecordIsFound() throws Exception {
        List<String> removed = export(7);
        removed.remove(5);
        assertFalse(audit(removed).consistent());
        List<String> swapped = export(7);
        String first = swapped.get(1);
        swapped.set(1, swapped.get(2));
        swapped.set(2, first);
        assertTrue(audit(swapped).findings().stream().anyMatch(f -> f.problem().contains("where leaf")));
    }

    @Test
    void aTreeHeadSignedByAnUnpublishedKeyOrLargerThanTheLogIsFound() throws Exception {
        List<String> lines = export(7);
        SigningKey other = SigningKey.generate(new SecureRandom());
        String last = lines.get(lines.size() - 1);
        String forged = last.replaceAll("\"keyId\":\"[0-9a-f]+\"", "\"keyId\":\"" + other.verifyingKey().keyId() + "\"");
        lines.set(lines.size() - 1, forged);
        assertTrue(audit(lines).findings().stream().anyMatch(f -> f.problem().contains("signature does not verify")));
        List<String> truncated = export(7);
        truncated.remove(6); // the last entry gone, the head of size 7 stays
        assertTrue(audit(truncated).findings().stream().anyMatch(f -> f.problem().contains("larger than the exported log")));
    }

    @Test
    void publishedKeysMustBeNamedByTheirOwnHash(@TempDir Path dir) throws Exception {
        String x = KEY.verifyingKey().jwkX();
        Path good = Files.writeString(dir.resolve("good.json"),
                "{\"keys\":[{\"kid\":\"" + KEY.verifyingKey().keyId() + "\",\"x\":\"" + x + "\"}]}");
        assertEquals(KEYS, Auditor.readKeys(good));
        Path lying = Files.writeString(dir.resolve("lying.json"), "{\"keys\":[{\"kid\":\"" + "0".repeat(64) + "\",\"x\":\"" + x + "\"}]}");
        assertThrows(IllegalArgumentException.class, () -> Auditor.readKeys(lying));
    }
}

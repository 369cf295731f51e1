package io.veriscore.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one verifier of Veriscore's log, used by the service's {@code POST /v1/audit/verify} (over its own export) and by
 * the offline auditor, as Rekor keeps one {@code pkg/verify} for every client. It checks an export of the log
 * ({@code GET /v1/audit/export}) with nothing but the published keys: every entry's leaf hash and signature, the stored
 * rows against the records signed for them, every signed tree head against the tree rebuilt from the leaves,
 * consistency between successive tree heads, every entry's inclusion in the latest one and, given a
 * {@link ProofChecker}, every proof. A partial export (a time range) carries each entry's inclusion proof instead,
 * checked against the latest signed tree head.
 */
public final class LogAudit {

    /** Checks an exported entry's proof file (with EZKL, say); answers the problem, or empty when it checks out. */
    @FunctionalInterface
    public interface ProofChecker {
        Optional<String> check(JsonNode entry);
    }

    /**
     * Something that does not check out; {@code leafIndex} or {@code entryId} names the record when there is one,
     * {@code treeSize} the signed tree head.
     */
    public record Finding(Long leafIndex, Long treeSize, String entryId, String subjectId, String problem) {

        @Override
        public String toString() {
            return (leafIndex == null ? "" : "leaf " + leafIndex + " ") + (entryId == null ? "" : "entry " + entryId + " ")
                    + (subjectId == null ? "" : "(result " + subjectId + ") ") + problem;
        }
    }

    public record Report(long entries, long treeHeads, long proofs, List<Finding> findings) {

        public boolean consistent() {
            return findings.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, VerifyingKey> keys;
    private final Optional<ProofChecker> proofs;

    public LogAudit(Map<String, VerifyingKey> keys, Optional<ProofChecker> proofs) {
        this.keys = keys;
        this.proofs = proofs;
    }

    /** An entry of a partial export, to be checked against the latest tree head once it is read. */
    private record Claimed(JsonNode line, byte[] leafHash, List<byte[]> proof) {}

    public Report check(BufferedReader export) throws IOException {
        List<Finding> findings = new ArrayList<>();
        MemoryTree tree = new MemoryTree();
        List<JsonNode> heads = new ArrayList<>();
        List<Claimed> claimed = new ArrayList<>();
        long proofsChecked = 0;
        long entries = 0;
        for (String text = export.readLine(); text != null; text = export.readLine()) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = JSON.readTree(text);
            switch (line.path("type").asText()) {
                case "entry" -> {
                    byte[] leafHash = Merkle.leafHash(line.path("body").asText().getBytes(StandardCharsets.UTF_8));
                    entries++;
                    if (line.has("inclusion")) { // a partial export: each entry carries its inclusion proof
                        checkEntry(line, line.path("leafIndex").asLong(), findings);
                        List<byte[]> proof = new ArrayList<>();
                        line.path("inclusion").forEach(node -> proof.add(hexOrEmpty(node.asText())));
                        claimed.add(new Claimed(line, leafHash, proof));
                    } else {
                        checkEntry(line, tree.size(), findings);
                        tree.append(leafHash);
                    }
                    if (line.hasNonNull("proofFile") && proofs.isPresent()) {
                        proofs.get().check(line).ifPresent(problem -> findings.add(finding(line, problem)));
                        proofsChecked++;
                    }
                }
                case "tree-head" -> heads.add(line);
                case "key" -> { } // keys come from the published set, never from the export
                default -> findings.add(new Finding(null, null, null, null, "unknown line type: " + line.path("type").asText()));
            }
        }
        if (claimed.isEmpty()) {
            checkHeads(heads, tree, findings);
        } else {
            checkClaimed(claimed, heads, findings);
        }
        return new Report(entries, heads.size(), proofsChecked, findings);
    }

    /** A partial export: every head's signature, and every entry's inclusion in the latest head. */
    private void checkClaimed(List<Claimed> claimed, List<JsonNode> heads, List<Finding> findings) {
        if (heads.isEmpty()) {
            findings.add(new Finding(null, null, null, null, "the export has no tree head to check inclusion against"));
            return;
        }
        heads.forEach(head -> checkHeadSignature(head, findings));
        JsonNode latest = heads.get(heads.size() - 1);
        long size = latest.path("treeSize").asLong();
        byte[] root = HexFormat.of().parseHex(latest.path("rootHash").asText());
        for (Claimed entry : claimed) {
            try {
                MerkleProofs.verifyInclusion(entry.line().path("leafIndex").asLong(), size, entry.leafHash(), entry.proof(), root);
            } catch (InvalidProofException e) {
                findings.add(finding(entry.line(), "is not included in tree head " + size + ": " + e.getMessage()));
            }
        }
    }

    private void checkHeadSignature(JsonNode head, List<Finding> findings) {
        long size = head.path("treeSize").asLong();
        byte[] root = HexFormat.of().parseHex(head.path("rootHash").asText());
        VerifyingKey key = keys.get(head.path("keyId").asText());
        byte[] signed = TreeHeadBody.of(size, root, Instant.parse(head.path("issuedAt").asText()));
        if (key == null || !key.verify(signed, decode(head.path("signature").asText()))) {
            findings.add(new Finding(null, size, null, null, "tree head " + size + ": its signature does not verify with a published key"));
        }
    }

    private static byte[] hexOrEmpty(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private void checkEntry(JsonNode line, long expectedIndex, List<Finding> findings) {
        long index = line.path("leafIndex").asLong(-1);
        if (index != expectedIndex) {
            findings.add(finding(line, "is at leaf " + index + " where leaf " + expectedIndex + " was expected"));
        }
        byte[] body = line.path("body").asText().getBytes(StandardCharsets.UTF_8);
        if (!line.path("leafHash").asText().equals(HexFormat.of().formatHex(Merkle.leafHash(body)))) {
            findings.add(finding(line, "its leaf hash does not match its body"));
        }
        VerifyingKey key = keys.get(line.path("keyId").asText());
        if (key == null) {
            findings.add(finding(line, "is signed by key " + line.path("keyId").asText() + ", which is not published"));
        } else if (!key.verify(body, decode(line.path("signature").asText()))) {
            findings.add(finding(line, "its signature does not verify"));
        }
        String kind = line.path("kind").asText();
        if (!line.hasNonNull("current")) {
            findings.add(finding(line, "the stored " + kind + " this record is about is missing"));
        } else if (!line.path("current").asText().equals(line.path("body").asText())) {
            findings.add(finding(line, "the stored " + kind + " differs from the record signed for it"));
        }
    }

    private void checkHeads(List<JsonNode> heads, MemoryTree leaves, List<Finding> findings) {
        MerkleTree tree = new MerkleTree(leaves);
        JsonNode previous = null;
        for (JsonNode head : heads) {
            long size = head.path("treeSize").asLong();
            String where = "tree head " + size + ": ";
            if (size > leaves.size()) {
                findings.add(new Finding(null, size, null, null, where + "larger than the exported log (" + leaves.size() + ")"));
                continue;
            }
            byte[] root = HexFormat.of().parseHex(head.path("rootHash").asText());
            if (!MessageDigest.isEqual(root, tree.root(size))) {
                findings.add(new Finding(null, size, null, null, where + "its root is not the root of the exported leaves"));
            }
            checkHeadSignature(head, findings);
            if (previous != null) {
                long before = previous.path("treeSize").asLong();
                try {
                    MerkleProofs.verifyConsistency(before, size, tree.consistencyProof(before, size),
                            HexFormat.of().parseHex(previous.path("rootHash").asText()), root);
                } catch (InvalidProofException | IllegalArgumentException e) {
                    findings.add(new Finding(null, size, null, null, where + "not consistent with tree head " + before + ": " + e.getMessage()));
                }
            }
            previous = head;
        }
        if (previous != null && findings.isEmpty()) {
            checkInclusion(previous, leaves, tree, findings);
        }
    }

    /** Every leaf is provably in the latest tree head. */
    private static void checkInclusion(JsonNode head, MemoryTree leaves, MerkleTree tree, List<Finding> findings) {
        long size = head.path("treeSize").asLong();
        byte[] root = HexFormat.of().parseHex(head.path("rootHash").asText());
        for (long index = 0; index < size; index++) {
            try {
                MerkleProofs.verifyInclusion(index, size, leaves.node(0, index), tree.inclusionProof(index, size), root);
            } catch (InvalidProofException e) {
                findings.add(new Finding(index, size, null, null, "not included in tree head " + size + ": " + e.getMessage()));
            }
        }
    }

    static Finding finding(JsonNode line, String problem) {
        return new Finding(line.path("leafIndex").asLong(), null, line.path("id").asText(), line.path("subjectId").asText(), problem);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}

package io.veriscore.app.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.veriscore.app.inference.InferenceView;
import io.veriscore.app.log.LogEntry;
import io.veriscore.app.log.LogQueries;
import io.veriscore.app.log.LogReverification;
import io.veriscore.app.log.TreeHeadAnchors;
import io.veriscore.app.log.TreeHeadRecord;
import io.veriscore.app.proof.ProofChecks;
import io.veriscore.app.signing.ServiceKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The audit API's answers. Hashes are hex; signatures are base64 (Ed25519, 64 bytes). */
final class AuditViews {

    private AuditViews() {}

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static List<String> hex(List<byte[]> nodes) {
        return nodes.stream().map(AuditViews::hex).toList();
    }

    /** An Ed25519 public key as a JSON Web Key (RFC 8037); {@code kid} is the SHA-256 of the raw key. */
    public record Jwk(String kty, String crv, String alg, String use, String kid, String x, boolean current, Instant createdAt) {

        public static Jwk of(ServiceKeys.Published key, String currentId) {
            return new Jwk("OKP", "Ed25519", "EdDSA", "sig", key.key().keyId(), key.key().jwkX(),
                    key.key().keyId().equals(currentId), key.createdAt());
        }
    }

    public record KeySet(List<Jwk> keys) {}

    /** A signed tree head; the signature covers the RFC 8785 canonical JSON of {issuedAt, rootHash, treeSize}. */
    public record TreeHead(long treeSize, String rootHash, Instant issuedAt, String keyId, String signature) {

        public static TreeHead of(TreeHeadRecord head) {
            return new TreeHead(head.treeSize, hex(head.rootHash), head.issuedAt, head.keyId,
                    Base64.getEncoder().encodeToString(head.signature));
        }
    }

    public record Inclusion(UUID entryId, long leafIndex, long treeSize, String leafHash, String rootHash, List<String> proof) {

        public static Inclusion of(LogQueries.Inclusion inclusion) {
            return new Inclusion(inclusion.entry().id, inclusion.leafIndex(), inclusion.treeSize(),
                    hex(inclusion.entry().leafHash), hex(inclusion.rootHash()), hex(inclusion.proof()));
        }
    }

    public record Consistency(long from, long to, List<String> proof) {

        public static Consistency of(long from, long to, List<byte[]> proof) {
            return new Consistency(from, to, hex(proof));
        }
    }

    /** A signed record: {@code body} is exactly the JSON that was signed and hashed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(UUID id, String kind, @Schema(nullable = true) Long leafIndex,
            @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The signed record, as it was signed") String body,
            String leafHash, String keyId,
            String signature, Instant createdAt, @Schema(nullable = true) Inclusion inclusion) {

        public static Entry of(LogQueries.Entry found) {
            return of(found, null);
        }

        /** With its inclusion proof in the latest tree head, once it has a leaf index. */
        public static Entry of(LogQueries.Entry found, Inclusion inclusion) {
            LogEntry e = found.entry();
            return new Entry(e.id, e.kind, found.leafIndex().orElse(null), e.body, hex(e.leafHash), e.keyId,
                    Base64.getEncoder().encodeToString(e.signature), e.createdAt, inclusion);
        }
    }

    /**
     * The records about a result and, once the log is anchored on-chain, its latest anchored tree head with proof that
     * the tree the records' inclusion proofs lead to extends it: a record with a leaf index below the anchored size is
     * in a tree whose root the chain holds ({@code anchoredRoots(treeSize)} on the registry).
     */
    public record Records(UUID inferenceId, List<Entry> entries, @Schema(nullable = true) AnchoredHead anchor) {}

    public record AnchoredHead(long treeSize, String rootHash, long chainId, String registry,
            @Schema(nullable = true) String transactionHash, @Schema(nullable = true) Long blockNumber, Consistency consistency) {

        public static AnchoredHead of(TreeHeadAnchors.Anchor anchor, Consistency consistency) {
            return new AnchoredHead(anchor.treeSize(), hex(anchor.rootHash()), anchor.chainId(), anchor.contract(),
                    anchor.transactionHash(), anchor.blockNumber(), consistency);
        }
    }

    /** A stored result as the client saw it, with the signed records about it. */
    public record Audited(InferenceView result, List<Entry> entries) {}

    /** One page of audited results; {@code nextCursor} is null on the last page. */
    public record AuditedPage(List<Audited> items,
            @Schema(nullable = true) String nextCursor) {}

    public record Report(boolean consistent, long treeSize, long entriesChecked, long treeHeadsChecked, int proofsChecked,
            List<LogReverification.Discrepancy> discrepancies) {

        public static Report of(LogReverification.Report report, ProofChecks.Recheck proofs) {
            List<LogReverification.Discrepancy> all = new ArrayList<>(report.discrepancies());
            proofs.findings().forEach(f -> all.add(new LogReverification.Discrepancy(null, null, null, f.inferenceId(), f.problem())));
            return new Report(all.isEmpty(), report.treeSize(), report.entriesChecked(), report.treeHeadsChecked(),
                    proofs.checked(), all);
        }
    }
}

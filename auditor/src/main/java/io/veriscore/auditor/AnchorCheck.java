package io.veriscore.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.auditor.Verify.Check;
import io.veriscore.contracts.generated.ScoreRegistry;
import io.veriscore.transparency.CanonicalJson;
import io.veriscore.transparency.InvalidProofException;
import io.veriscore.transparency.Merkle;
import io.veriscore.transparency.MerkleProofs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * A result's signed records (GET /v1/audit/records/{id}) against the log's tree head anchored on-chain: each record
 * hashes to its leaf, its inclusion proof leads to the latest signed tree, that tree extends the anchored one (RFC 9162
 * consistency), and the anchored root is the one the registry holds, read from the chain: nothing else is taken from
 * the service.
 */
final class AnchorCheck {

    private static final HexFormat HEX = HexFormat.of();

    private AnchorCheck() {}

    static List<Check> check(JsonNode records, String rpcUrl, String registryGiven) throws Exception {
        JsonNode anchor = records.path("anchor");
        if (!anchor.isObject()) {
            return List.of(new Check("anchor", false, "the records carry no anchored tree head: the log has not been anchored"
                    + " on-chain yet (it is, within veriscore.chain.anchor-interval of its first records)"));
        }
        String registry = registryGiven != null ? registryGiven : anchor.path("registry").asText();
        long anchoredSize = anchor.path("treeSize").asLong();
        List<Check> checks = new ArrayList<>();
        byte[] anchoredRoot = anchoredRoot(rpcUrl, registry, anchor.path("chainId").asLong(), anchoredSize, checks);
        if (anchoredRoot == null) {
            return checks;
        }
        JsonNode consistency = anchor.path("consistency");
        for (JsonNode entry : records.path("entries")) {
            checks.add(entryCheck(entry, anchoredSize, anchoredRoot, consistency));
        }
        return checks;
    }

    /** The root the registry holds for the anchored size, after checking the node serves the chain the anchor names. */
    private static byte[] anchoredRoot(String rpcUrl, String registry, long chainId, long size, List<Check> checks) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            long served = web3j.ethChainId().send().getChainId().longValueExact();
            if (served != chainId) {
                checks.add(new Check("anchor", false, "the node serves chain " + served + ", the anchor is on chain " + chainId));
                return null;
            }
            byte[] root = ScoreRegistry.load(registry, web3j, new ReadonlyTransactionManager(web3j, registry), new DefaultGasProvider())
                    .anchoredRoots(BigInteger.valueOf(size)).send();
            if (Arrays.equals(root, new byte[32])) {
                checks.add(new Check("anchor", false, "the registry " + registry + " on chain " + chainId
                        + " has no anchored tree head of size " + size));
                return null;
            }
            checks.add(new Check("anchor", true, "the registry " + registry + " on chain " + chainId + " holds root "
                    + HEX.formatHex(root) + " for the log's first " + size + " entries"));
            return root;
        } finally {
            web3j.shutdown();
        }
    }

    private static Check entryCheck(JsonNode entry, long anchoredSize, byte[] anchoredRoot, JsonNode consistency) {
        String kind = entry.path("kind").asText();
        JsonNode inclusion = entry.path("inclusion");
        long leaf = entry.path("leafIndex").asLong(-1);
        if (leaf < 0 || !inclusion.isObject()) {
            return new Check("anchored", false, kind + " record: not in a signed tree yet, so not anchored");
        }
        if (leaf >= anchoredSize) {
            return new Check("anchored", false, kind + " record: leaf " + leaf + " is newer than the anchored tree of "
                    + anchoredSize + " entries: the next anchor takes it");
        }
        try {
            byte[] leafHash = Merkle.leafHash(CanonicalJson.utf8(entry.path("body")));
            if (!HEX.formatHex(leafHash).equals(entry.path("leafHash").asText())) {
                return new Check("anchored", false, kind + " record: its body does not hash to its leaf");
            }
            long size = inclusion.path("treeSize").asLong();
            byte[] root = MerkleProofs.rootFromInclusionProof(leaf, size, leafHash, hashes(inclusion.path("proof")));
            if (consistency.path("to").asLong() != size || consistency.path("from").asLong() != anchoredSize) {
                return new Check("anchored", false, kind + " record: the consistency proof is from " + consistency.path("from")
                        + " to " + consistency.path("to") + ", not from the anchored " + anchoredSize + " to " + size);
            }
            MerkleProofs.verifyConsistency(anchoredSize, size, hashes(consistency.path("proof")), anchoredRoot, root);
            return new Check("anchored", true, kind + " record (leaf " + leaf + "): included in the tree of " + size
                    + ", which extends the anchored tree of " + anchoredSize);
        } catch (InvalidProofException | IllegalArgumentException e) {
            return new Check("anchored", false, kind + " record (leaf " + leaf + "): " + e.getMessage());
        }
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(node -> hashes.add(HEX.parseHex(node.asText())));
        return hashes;
    }
}

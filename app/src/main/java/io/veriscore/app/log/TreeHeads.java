package io.veriscore.app.log;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** What a signed tree head signs: the RFC 8785 canonical JSON of its size, root (hex) and issuing time. */
public final class TreeHeads {

    private TreeHeads() {}

    public static Map<String, Object> body(long treeSize, byte[] rootHash, Instant issuedAt) {
        return Map.of("treeSize", treeSize, "rootHash", HexFormat.of().formatHex(rootHash), "issuedAt", issuedAt.toString());
    }
}

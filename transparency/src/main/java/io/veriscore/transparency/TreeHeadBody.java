package io.veriscore.transparency;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The bytes a signed tree head signs: the RFC 8785 canonical JSON of {@code {issuedAt, rootHash, treeSize}}, with
 * the root in hex and the time as an ISO-8601 instant. The service signs them; auditors rebuild them to verify.
 */
public final class TreeHeadBody {

    private TreeHeadBody() {}

    public static byte[] of(long treeSize, byte[] rootHash, Instant issuedAt) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("treeSize", treeSize)
                .put("rootHash", HexFormat.of().formatHex(rootHash))
                .put("issuedAt", issuedAt.toString());
        return CanonicalJson.utf8(body);
    }
}

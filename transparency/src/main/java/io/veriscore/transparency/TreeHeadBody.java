package io.veriscore.transparency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The bytes a signed tree head signs: the RFC 8785 canonical JSON of {@code {issuedAt, rootHash, treeSize}}, with
 * the root in hex and the time as an ISO-8601 instant. The service signs them; auditors rebuild them to verify.
 */
public final class TreeHeadBody {

    private TreeHeadBody() {}

    public static byte[] of(long treeSize, byte[] rootHash, Instant issuedAt) {
        String json = "{\"treeSize\":" + treeSize + ",\"rootHash\":\"" + HexFormat.of().formatHex(rootHash)
                + "\",\"issuedAt\":\"" + issuedAt + "\"}";
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

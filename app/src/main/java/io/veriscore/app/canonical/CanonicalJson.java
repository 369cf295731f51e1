package io.veriscore.app.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 (JCS) canonical JSON and its SHA-256, so that equal JSON values hash equally. */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static String canonicalize(ObjectMapper mapper, Object value) {
        try {
            return new JsonCanonicalizer(mapper.writeValueAsString(value)).getEncodedString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(ObjectMapper mapper, Object value) {
        return sha256Hex(canonicalize(mapper, value).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

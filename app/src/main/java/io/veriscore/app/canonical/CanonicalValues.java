package io.veriscore.app.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.transparency.Sha256;

/** RFC 8785 (JCS) canonical JSON of the service's values and its SHA-256, so that equal JSON values hash equally. */
public final class CanonicalValues {

    private CanonicalValues() {}

    /**
     * @throws IllegalArgumentException for a value RFC 8785 cannot express (see {@link io.veriscore.transparency.CanonicalJson})
     */
    public static String canonicalize(ObjectMapper mapper, Object value) {
        try {
            // Through text, as a client would: a float field is read back as the double its shortest text denotes.
            JsonNode tree = value instanceof JsonNode node ? node : mapper.readTree(mapper.writeValueAsString(value));
            return io.veriscore.transparency.CanonicalJson.of(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String sha256(ObjectMapper mapper, Object value) {
        return Sha256.hex(canonicalize(mapper, value));
    }
}

package io.veriscore.zk;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A per-result random salt, bound into the Poseidon commitment of the proven input so that the commitment of a
 * low-entropy input cannot be brute-forced. Its 128 bits ride in {@link #WORDS} extra input columns that the network
 * weighs with zeros, as {@value #WORD_BITS}-bit words: EZKL range-checks every input element to the span of its
 * range-check decomposition (2^32 for 256^4), so no element can carry more.
 *
 * <p>A client recomputes the commitment as {@code poseidon(q(f1), ..., q(f7), w1, w2, w3, w4)}, where q(f) rounds the
 * float32 feature f times 2^inputScale to the nearest integer and w1..w4 are the salt's 4-byte big-endian words.
 *
 * @param hex 32 lower-case hex digits
 */
public record Salt(String hex) {

    public static final int WORDS = 4;
    public static final int WORD_BITS = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public Salt {
        if (hex == null || !hex.matches("[0-9a-f]{" + WORDS * WORD_BITS / 4 + "}")) {
            throw new IllegalArgumentException("a salt is " + WORDS * WORD_BITS / 4 + " lower-case hex digits");
        }
    }

    public static Salt random() {
        byte[] bytes = new byte[WORDS * WORD_BITS / 8];
        RANDOM.nextBytes(bytes);
        return new Salt(HexFormat.of().formatHex(bytes));
    }

    /** The words, as the field elements EZKL reads them: 32-byte little-endian hex. */
    public List<String> felts() {
        List<String> felts = new ArrayList<>(WORDS);
        for (int i = 0; i < WORDS; i++) {
            long word = Long.parseLong(hex.substring(i * 8, i * 8 + 8), 16);
            byte[] felt = new byte[32];
            for (int b = 0; b < 4; b++) {
                felt[b] = (byte) (word >>> (8 * b));
            }
            felts.add(HexFormat.of().formatHex(felt));
        }
        return felts;
    }

    @Override
    public String toString() {
        return "Salt[secret]"; // a salt is the client's secret: kept out of logs
    }
}

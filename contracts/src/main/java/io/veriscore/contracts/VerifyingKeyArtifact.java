package io.veriscore.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** EZKL's verifying-key artefact (VKA) for its reusable verifier, read as the 32-byte words the contracts take. */
public final class VerifyingKeyArtifact {

    private static final int WORD = 32;
    private static final int MAX_WORDS = 1 << 16;

    private VerifyingKeyArtifact() {}

    /** Reads EZKL's file: an 8-byte little-endian word count, then the words. */
    public static List<byte[]> read(Path file) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            long count = bytes.remaining() >= Long.BYTES ? bytes.getLong() : -1;
            if (count < 1 || count > MAX_WORDS || bytes.remaining() != count * WORD) {
                throw new IllegalArgumentException(file + " is not an EZKL verifying-key artefact");
            }
            List<byte[]> words = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                byte[] word = new byte[WORD];
                bytes.get(word);
                words.add(word);
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The VKA's digest as the verifier computes it: keccak256 of the concatenated words. */
    public static byte[] digest(List<byte[]> words) {
        ByteBuffer all = ByteBuffer.allocate(words.size() * WORD);
        words.forEach(all::put);
        return org.web3j.crypto.Hash.sha3(all.array());
    }
}

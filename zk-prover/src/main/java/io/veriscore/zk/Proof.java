package io.veriscore.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One proven evaluation.
 *
 * @param json            EZKL's proof file, as produced
 * @param inputCommitment the Poseidon commitment to the private input (public instance), 32-byte little-endian hex
 * @param outputInstance  the quantized score (public instance), 32-byte little-endian hex
 * @param score           the score the proof states: the output instance divided by 2^outputScale
 */
public record Proof(String json, String inputCommitment, String outputInstance, double score, String ezklVersion) {

    private static final Pattern FELT = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a proof file of {@code circuit} as untrusted input: its shape, the format of its two public
     * instances (commitment, score) and the score's range are checked. The score is taken from the
     * instance, which the proof binds, never from EZKL's unbound "pretty" copy of it.
     *
     * @throws ProverException when the file is not such a proof; this says nothing of its validity
     */
    public static Proof parse(String proofJson, Circuit circuit) {
        JsonNode proof;
        try {
            proof = JSON.readTree(proofJson);
        } catch (JsonProcessingException e) {
            throw new ProverException("the proof is not JSON: " + e.getOriginalMessage());
        }
        JsonNode instances = proof == null ? null : proof.path("instances");
        if (instances == null || !instances.isArray() || instances.size() != 1 || instances.get(0).size() != 2) {
            throw new ProverException("the proof does not have the two expected public instances (input commitment, score)");
        }
        String commitment = instances.get(0).get(0).asText();
        String output = instances.get(0).get(1).asText();
        if (!FELT.matcher(commitment).matches() || !FELT.matcher(output).matches()) {
            throw new ProverException("the proof's instances are not 32-byte little-endian field elements in lower-case hex");
        }
        double score = dequantize(output, circuit.outputScale());
        if (!(score >= 0 && score <= 1)) {
            throw new ProverException("the proof states a score outside [0, 1]: " + score);
        }
        return new Proof(proofJson, commitment, output, score, proof.path("version").asText());
    }

    /** The proof transcript, as an EVM verifier takes it. */
    public byte[] transcript() {
        try {
            JsonNode proof = JSON.readTree(json);
            String hex = proof.path("hex_proof").asText("");
            if (hex.startsWith("0x")) {
                return HexFormat.of().parseHex(hex.substring(2));
            }
            JsonNode bytes = proof.path("proof");
            byte[] transcript = new byte[bytes.size()];
            for (int i = 0; i < transcript.length; i++) {
                transcript[i] = (byte) bytes.get(i).asInt();
            }
            return transcript;
        } catch (JsonProcessingException e) {
            throw new ProverException("the proof is not JSON: " + e.getOriginalMessage());
        }
    }

    /** The public instances (input commitment, score) as the field elements an EVM verifier takes. */
    public List<BigInteger> instances() {
        return List.of(felt(inputCommitment), felt(outputInstance));
    }

    private static BigInteger felt(String littleEndianHex) {
        return new BigInteger(1, reversed(HexFormat.of().parseHex(littleEndianHex)));
    }

    private static byte[] reversed(byte[] bytes) {
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        return bytes;
    }

    private static double dequantize(String littleEndianHex, int scale) {
        BigInteger value = felt(littleEndianHex);
        if (value.bitLength() > 62) { // a negative number in the field, or far out of range: not a score
            return Double.NaN;
        }
        return value.longValue() / Math.pow(2, scale);
    }
}

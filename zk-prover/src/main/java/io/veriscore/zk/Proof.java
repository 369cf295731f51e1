package io.veriscore.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.HexFormat;
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

    private static double dequantize(String littleEndianHex, int scale) {
        byte[] bytes = HexFormat.of().parseHex(littleEndianHex);
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        BigInteger value = new BigInteger(1, bytes);
        if (value.bitLength() > 62) { // a negative number in the field, or far out of range: not a score
            return Double.NaN;
        }
        return value.longValue() / Math.pow(2, scale);
    }
}

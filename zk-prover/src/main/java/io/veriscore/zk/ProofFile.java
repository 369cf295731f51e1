package io.veriscore.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Reading EZKL's proof files as untrusted input: their statements and their transcript. */
final class ProofFile {

    private static final Pattern FELT = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** No logit of a sane network comes near this; larger ones are refused rather than read imprecisely. */
    private static final int MAX_QUANTIZED_BITS = 52;

    private ProofFile() {}

    static JsonNode read(String proofJson) {
        try {
            JsonNode proof = JSON.readTree(proofJson);
            if (proof == null || !proof.isObject()) {
                throw new ProverException("the proof is not a JSON object");
            }
            return proof;
        } catch (JsonProcessingException e) {
            throw new ProverException("the proof is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The statements of a proof of {@code rows} rows: EZKL lists the rows' input commitments, then their logits. The
     * logits are taken from the instances, which the proof binds, never from EZKL's unbound "pretty" copy of them.
     */
    static List<Statement> statements(JsonNode proof, int rows, int outputScale) {
        JsonNode instances = proof.path("instances");
        if (!instances.isArray() || instances.size() != 1 || instances.get(0).size() != 2 * rows) {
            throw new ProverException(rows == 1
                    ? "the proof does not have the two expected public instances (input commitment, logit)"
                    : "the proof does not have the %d expected public instances (%d commitments, then %d logits)"
                            .formatted(2 * rows, rows, rows));
        }
        List<Statement> statements = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            String commitment = instances.get(0).get(row).asText();
            String output = instances.get(0).get(rows + row).asText();
            if (!FELT.matcher(commitment).matches() || !FELT.matcher(output).matches()) {
                throw new ProverException("the proof's instances are not 32-byte little-endian field elements in lower-case hex");
            }
            if (felt(commitment).compareTo(Proof.FIELD_MODULUS) >= 0 || felt(output).compareTo(Proof.FIELD_MODULUS) >= 0) {
                throw new ProverException("the proof's instances are not elements of BN254's scalar field");
            }
            BigInteger quantized = signed(felt(output));
            if (quantized.abs().bitLength() > MAX_QUANTIZED_BITS) {
                throw new ProverException("the proof states an implausible logit (a %d-bit integer)".formatted(quantized.abs().bitLength()));
            }
            statements.add(new Statement(commitment, output, quantized.longValue() / Math.pow(2, outputScale)));
        }
        return statements;
    }

    /** The proof transcript, as an EVM verifier takes it. */
    static byte[] transcript(String proofJson) {
        JsonNode proof = read(proofJson);
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
    }

    static BigInteger felt(String littleEndianHex) {
        byte[] bytes = HexFormat.of().parseHex(littleEndianHex);
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        return new BigInteger(1, bytes);
    }

    /** A field element read as EZKL encodes integers: those above (p - 1) / 2 are negative. */
    static BigInteger signed(BigInteger felt) {
        return felt.compareTo(Proof.FIELD_MODULUS.shiftRight(1)) > 0 ? felt.subtract(Proof.FIELD_MODULUS) : felt;
    }
}

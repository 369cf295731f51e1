package io.veriscore.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One proven evaluation. The circuit proves the network up to its final Sigmoid: the public output is the quantized
 * logit, and everyone applies the sigmoid in public. The label is exactly the logit's sign.
 *
 * @param json            EZKL's proof file, as produced
 * @param inputCommitment the Poseidon commitment to the private input and its salt (public instance), 32-byte
 *                        little-endian hex
 * @param outputInstance  the quantized logit (public instance), 32-byte little-endian hex; a negative logit z is the
 *                        field element p - |z|
 * @param logit           the logit the proof states: the signed output instance divided by 2^outputScale
 */
public record Proof(String json, String inputCommitment, String outputInstance, double logit, String ezklVersion) {

    /** BN254's scalar field, in which EZKL's instances live. */
    public static final BigInteger FIELD_MODULUS =
            new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617");
    private static final Pattern FELT = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** No logit of a sane network comes near this; larger ones are refused rather than read imprecisely. */
    private static final int MAX_QUANTIZED_BITS = 52;

    /** The score the proof states: sigmoid(logit). */
    public double score() {
        return 1 / (1 + Math.exp(-logit));
    }

    /** Whether the proof states the positive class (stressed): logit >= 0, that is score >= 0.5, decided exactly. */
    public boolean positive() {
        return logit >= 0;
    }

    /**
     * Reads a proof file of {@code circuit} as untrusted input: its shape, the format of its two public
     * instances (commitment, logit) and the logit's range are checked. The logit is taken from the
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
            throw new ProverException("the proof does not have the two expected public instances (input commitment, logit)");
        }
        String commitment = instances.get(0).get(0).asText();
        String output = instances.get(0).get(1).asText();
        if (!FELT.matcher(commitment).matches() || !FELT.matcher(output).matches()) {
            throw new ProverException("the proof's instances are not 32-byte little-endian field elements in lower-case hex");
        }
        if (felt(commitment).compareTo(FIELD_MODULUS) >= 0 || felt(output).compareTo(FIELD_MODULUS) >= 0) {
            throw new ProverException("the proof's instances are not elements of BN254's scalar field");
        }
        BigInteger quantized = signed(felt(output));
        if (quantized.abs().bitLength() > MAX_QUANTIZED_BITS) {
            throw new ProverException("the proof states an implausible logit (a %d-bit integer)".formatted(quantized.abs().bitLength()));
        }
        return new Proof(proofJson, commitment, output, quantized.longValue() / Math.pow(2, circuit.outputScale()),
                proof.path("version").asText());
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

    /** The public instances (input commitment, logit) as the field elements an EVM verifier takes. */
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

    /** A field element read as EZKL encodes integers: those above (p - 1) / 2 are negative. */
    static BigInteger signed(BigInteger felt) {
        return felt.compareTo(FIELD_MODULUS.shiftRight(1)) > 0 ? felt.subtract(FIELD_MODULUS) : felt;
    }
}

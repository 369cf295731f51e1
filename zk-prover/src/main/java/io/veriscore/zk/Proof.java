package io.veriscore.zk;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;

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

    /** What the proof states, as a row of a batch states it. */
    public Statement statement() {
        return new Statement(inputCommitment, outputInstance, logit);
    }

    /** The score the proof states: sigmoid(logit). */
    public double score() {
        return statement().score();
    }

    /** Whether the proof states the positive class (stressed): logit >= 0, that is score >= 0.5, decided exactly. */
    public boolean positive() {
        return statement().positive();
    }

    /**
     * Reads a proof file of {@code circuit} (a circuit of one row) as untrusted input: its shape, the format of its two
     * public instances (commitment, logit) and the logit's range are checked. The logit is taken from the instance,
     * which the proof binds, never from EZKL's unbound "pretty" copy of it.
     *
     * @throws ProverException when the file is not such a proof; this says nothing of its validity
     */
    public static Proof parse(String proofJson, Circuit circuit) {
        JsonNode proof = ProofFile.read(proofJson);
        Statement statement = ProofFile.statements(proof, 1, circuit.outputScale()).get(0);
        return new Proof(proofJson, statement.inputCommitment(), statement.outputInstance(), statement.logit(),
                proof.path("version").asText());
    }

    /** The proof transcript, as an EVM verifier takes it. */
    public byte[] transcript() {
        return ProofFile.transcript(json);
    }

    /** The public instances (input commitment, logit) as the field elements an EVM verifier takes. */
    public List<BigInteger> instances() {
        return statement().instances();
    }

    /** A field element read as EZKL encodes integers: those above (p - 1) / 2 are negative. */
    static BigInteger signed(BigInteger felt) {
        return ProofFile.signed(felt);
    }
}

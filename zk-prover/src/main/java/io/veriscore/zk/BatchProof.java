package io.veriscore.zk;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One proof of a batch of evaluations, each row with its own statement: its own salted input commitment and its own
 * logit, so that each result's owner checks its row alone. A batch circuit has a fixed number of rows; rows after the
 * batch's results are <b>filler</b>: every feature 0 and the salt 0 (see {@link #FILLER_SALT}), stating nothing
 * about any result.
 *
 * @param json  EZKL's proof file, as produced
 * @param rows  the statement of each row, in order
 */
public record BatchProof(String json, List<Statement> rows, String ezklVersion) {

    /** The salt of filler rows. */
    public static final Salt FILLER_SALT = new Salt("0".repeat(32));

    public BatchProof {
        rows = List.copyOf(rows);
    }

    /** Reads a proof file of the batch circuit {@code circuit} as untrusted input, as {@link Proof#parse} does. */
    public static BatchProof parse(String proofJson, Circuit circuit) {
        JsonNode proof = ProofFile.read(proofJson);
        return new BatchProof(proofJson, ProofFile.statements(proof, circuit.rows(), circuit.outputScale()),
                proof.path("version").asText());
    }

    /** The proof transcript, as an EVM verifier takes it. */
    public byte[] transcript() {
        return ProofFile.transcript(json);
    }

    /** The public instances as an EVM verifier takes them: every row's commitment, then every row's logit. */
    public List<BigInteger> instances() {
        List<BigInteger> instances = new ArrayList<>(2 * rows.size());
        rows.forEach(row -> instances.add(row.instances().get(0)));
        rows.forEach(row -> instances.add(row.instances().get(1)));
        return instances;
    }
}

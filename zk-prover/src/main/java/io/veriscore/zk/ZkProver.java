package io.veriscore.zk;

import java.nio.file.Path;
import java.util.List;

/**
 * Proves in zero knowledge that a model produced a logit (and so a score, its sigmoid), without revealing its input.
 *
 * <p>Set a model's circuit up once (slow: calibration, keys), then prove and verify evaluations.
 * Implementations are safe to call from several threads.
 */
public interface ZkProver extends AutoCloseable {

    /** The prover's version; it is recorded in every circuit and proof. */
    String version();

    /** Builds the circuit, keys and (in development) SRS for a model in {@code spec.directory()}. */
    Circuit setUp(CircuitSpec spec);

    /**
     * Proves one evaluation of the circuit's model on {@code features}; the public commitment binds the features and
     * {@code salt}, which the caller keeps for the result's owner.
     */
    Proof prove(Circuit circuit, List<Double> features, Salt salt);

    /**
     * Proves the evaluations of a batch circuit's model on up to {@code circuit.rows()} feature rows in one proof, each
     * row committed with its own salt; missing rows are filled (see {@link BatchProof}).
     */
    BatchProof proveBatch(Circuit circuit, List<List<Double>> rows, List<Salt> salts);

    /** The Poseidon commitment to {@code features} and {@code salt}, recomputed as a client does, without proving. */
    String commitment(Circuit circuit, List<Double> features, Salt salt);

    /** Checks a proof against the circuit's verifying key, trusting nothing else. */
    Verification verify(Circuit circuit, String proofJson);

    /**
     * The verifying-key artefact (VKA) with which EZKL's reusable EVM verifier checks this circuit's proofs: 32-byte
     * words after an 8-byte little-endian count. Made once, then kept in the circuit's directory.
     */
    Path evmVerifyingKey(Circuit circuit);

    /** Writes the Solidity source of EZKL's reusable EVM verifier for circuits of this one's shape to {@code out}. */
    void writeEvmVerifier(Circuit circuit, Path out);

    /** Writes the Solidity source of EZKL's single-circuit EVM verifier of this circuit (its key compiled in). */
    void writeEvmCircuitVerifier(Circuit circuit, Path out);

    /** Stops whatever the prover keeps running (EZKL workers); a later call starts it again. */
    @Override
    default void close() {}
}

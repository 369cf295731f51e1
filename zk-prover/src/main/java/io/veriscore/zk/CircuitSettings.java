package io.veriscore.zk;

import java.math.BigInteger;

/**
 * How a model becomes a circuit. The proven graph is always the model cut before its final Sigmoid, with
 * {@link Salt#WORDS} zero-weight salt columns appended to its input (see {@code ezkl_bridge.py derive}).
 *
 * <p>The input is <b>hashed</b> (its Poseidon commitment is the public instance, so the features stay private), the
 * output is <b>public</b> (the logit is the statement) and the parameters are <b>fixed</b> (constants of the circuit,
 * so the verifying key pins the exact model). Two profiles, measured by {@code bench/prove}:
 * <ul>
 *   <li>{@link #fast()}: the quickest proof. Scale 2^14 keeps sigmoid(proven logit) within 0.0008 of ONNX Runtime
 *       on the 400 validation samples; a 256^4 range-check decomposition spans the 32-bit salt words and lets the
 *       circuit fit 2^9 rows (EZKL's default base 16384 needs 2^15 rows for its table alone).</li>
 *   <li>{@link #onchain()}: the smallest single-circuit EVM verifier and the least gas to verify: one inner column,
 *       2^12 rows. Measured (bench/verifier/run): EZKL's single-circuit verifier 15,198 bytes deployed (under
 *       EIP-170's 24,576), 542,900 gas per verifyProof call; at 2^11 rows 19,895 bytes and 668,569 gas; 2^13 rows,
 *       2048^3 or 4096^3 decompositions and scale 2^12 all give the same verifier within 100 gas. The fast circuit's
 *       (33,766 bytes) cannot be deployed at all.</li>
 *   <li>{@link #batch()}: {@value #BATCH_ROWS} results in one proof, each row an input of its own with its own
 *       commitment (instances: the rows' commitments, then their logits), 2^13 rows and 2 inner columns: the 16
 *       Poseidon commitments take most of the rows, so more columns do not make it shorter (2^12 with 4 columns does
 *       not fit). Its proofs go through the reusable EVM verifier: EZKL writes the same verifier source for its shape
 *       as for the fast circuit's.</li>
 * </ul>
 *
 * @param profile     the name recorded with each circuit ({@code fast}, {@code onchain}, or another for experiments)
 * @param scale       fixed-point scale (log2) of inputs and parameters
 * @param decompBase  base of EZKL's range-check decomposition; its range table needs decompBase rows
 * @param decompLegs  number of legs of that decomposition; base^legs must span a salt word (2^32)
 * @param logrows     log2 of the circuit's rows; 0 keeps what calibration chose
 * @param innerColumns EZKL's {@code num_inner_cols}: more columns, fewer rows
 * @param rows        how many results one proof proves (1, or a batch's fixed size)
 */
public record CircuitSettings(String profile, int scale, int decompBase, int decompLegs, int logrows, int innerColumns,
        int rows) {

    /** The results one batch proof carries; a smaller batch is padded with {@link BatchProof#FILLER} rows. */
    public static final int BATCH_ROWS = 16;

    public CircuitSettings {
        if (!profile.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("a profile is 1-32 lower-case letters, digits or dashes: " + profile);
        }
        if (rows < 1 || rows > 64) {
            throw new IllegalArgumentException("a circuit proves 1 to 64 rows, not " + rows);
        }
        if (BigInteger.valueOf(decompBase).pow(decompLegs).compareTo(BigInteger.ONE.shiftLeft(Salt.WORD_BITS)) < 0) {
            throw new IllegalArgumentException("a %d^%d decomposition cannot range-check %d-bit salt words"
                    .formatted(decompBase, decompLegs, Salt.WORD_BITS));
        }
    }

    public static CircuitSettings fast() {
        return new CircuitSettings("fast", 14, 256, 4, 9, 2, 1);
    }

    public static CircuitSettings onchain() {
        return new CircuitSettings("onchain", 14, 256, 4, 12, 1, 1);
    }

    public static CircuitSettings batch() {
        return new CircuitSettings("batch", 14, 256, 4, 13, 2, BATCH_ROWS);
    }

    /** The profile of that name. */
    public static CircuitSettings named(String profile) {
        return switch (profile) {
            case "fast" -> fast();
            case "onchain" -> onchain();
            case "batch" -> batch();
            default -> throw new IllegalArgumentException("unknown circuit profile " + profile + " (fast, onchain, batch)");
        };
    }
}

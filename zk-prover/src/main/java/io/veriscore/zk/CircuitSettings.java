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
 * </ul>
 *
 * @param profile     the name recorded with each circuit ({@code fast}, {@code onchain}, or another for experiments)
 * @param scale       fixed-point scale (log2) of inputs and parameters
 * @param decompBase  base of EZKL's range-check decomposition; its range table needs decompBase rows
 * @param decompLegs  number of legs of that decomposition; base^legs must span a salt word (2^32)
 * @param logrows     log2 of the circuit's rows; 0 keeps what calibration chose
 * @param innerColumns EZKL's {@code num_inner_cols}: more columns, fewer rows
 */
public record CircuitSettings(String profile, int scale, int decompBase, int decompLegs, int logrows, int innerColumns) {

    public CircuitSettings {
        if (!profile.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("a profile is 1-32 lower-case letters, digits or dashes: " + profile);
        }
        if (BigInteger.valueOf(decompBase).pow(decompLegs).compareTo(BigInteger.ONE.shiftLeft(Salt.WORD_BITS)) < 0) {
            throw new IllegalArgumentException("a %d^%d decomposition cannot range-check %d-bit salt words"
                    .formatted(decompBase, decompLegs, Salt.WORD_BITS));
        }
    }

    public static CircuitSettings fast() {
        return new CircuitSettings("fast", 14, 256, 4, 9, 2);
    }

    public static CircuitSettings onchain() {
        return new CircuitSettings("onchain", 14, 256, 4, 12, 1);
    }

    /** The profile of that name. */
    public static CircuitSettings named(String profile) {
        return switch (profile) {
            case "fast" -> fast();
            case "onchain" -> onchain();
            default -> throw new IllegalArgumentException("unknown circuit profile " + profile + " (fast, onchain)");
        };
    }
}

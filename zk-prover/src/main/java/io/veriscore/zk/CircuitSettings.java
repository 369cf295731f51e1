package io.veriscore.zk;

/**
 * How a model becomes a circuit.
 *
 * <p>Defaults: the input is <b>hashed</b> (its Poseidon commitment is the public instance, so the
 * features stay private), the output is <b>public</b> (the score is the statement), and the parameters
 * are <b>fixed</b> (constants of the circuit, so the verifying key pins the exact model). Scale 2^11
 * keeps the proven score within 0.005 of ONNX Runtime on the validation set; a 1024^3 range-check
 * decomposition replaces EZKL's default 16384^2, whose range table alone forces 2^15 rows; and 2^11 rows
 * instead of the 2^14 that calibration on the validation set picks (EZKL then spreads the sigmoid's
 * lookup table over several columns) cut a proof from about 5.7 s to about 1.7 s on two cores.
 *
 * @param scale           fixed-point scale (log2) of inputs and parameters
 * @param decompBase      base of EZKL's range-check decomposition; its range table needs decompBase rows
 * @param decompLegs      number of legs of that decomposition
 * @param logrows         log2 of the circuit's rows; 0 keeps what calibration chose
 */
public record CircuitSettings(int scale, int decompBase, int decompLegs, int logrows,
        String inputVisibility, String outputVisibility, String paramVisibility) {

    public static CircuitSettings defaults() {
        return new CircuitSettings(11, 1024, 3, 11, "hashed", "public", "fixed");
    }
}

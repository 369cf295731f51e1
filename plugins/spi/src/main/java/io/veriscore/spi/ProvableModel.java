package io.veriscore.spi;

import java.util.List;
import java.util.Map;

/**
 * Implemented by a {@link ModelPlugin} whose model evaluation can be proven in zero knowledge.
 *
 * <p>The prover evaluates the plugin's ONNX model as a circuit on one input row, so it needs that row
 * exactly as {@link ModelPlugin#predict} feeds it to the model, and sample rows on which to calibrate the
 * circuit's fixed-point ranges. The model must take one float input of shape {@code [N, width]}.
 */
public interface ProvableModel {

    /**
     * The model-input row for one input, as {@code predict} would feed it to the model.
     *
     * @param input an input already accepted by {@code predict}
     */
    float[] modelInput(Map<String, Object> input);

    /** Representative model-input rows, such as the validation set, to calibrate the circuit on. */
    List<float[]> calibrationInputs();

    /**
     * The labels of a proven evaluation. The model must end in a Sigmoid, and the circuit proves it up to there: the
     * statement is the logit, its score the logit's sigmoid, and its label {@code positive} exactly when the logit is
     * at least 0 (score >= 0.5).
     */
    ProvenLabels provenLabels();

    /** The labels of a negative and of a non-negative logit. */
    record ProvenLabels(String negative, String positive) {

        public String of(boolean positiveLogit) {
            return positiveLogit ? positive : negative;
        }
    }
}

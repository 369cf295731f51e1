package io.veriscore.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scored input.
 *
 * @param score    the model's main output in [0, 1] (a probability or confidence)
 * @param label    the verdict a person reads, e.g. {@code healthy} or {@code stressed}
 * @param details  further outputs (class probabilities, ...) as plain JSON-compatible values
 * @param warnings things the client should know, e.g. a feature outside the training range
 */
public record Prediction(double score, String label, Map<String, Object> details, List<String> warnings) {

    public Prediction {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        Objects.requireNonNull(label, "label");
        details = Map.copyOf(details);
        warnings = List.copyOf(warnings);
    }
}

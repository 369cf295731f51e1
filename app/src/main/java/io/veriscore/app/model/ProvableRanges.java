package io.veriscore.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.FieldError;
import io.veriscore.spi.ProvableModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs a model's circuit can prove: each model-input column within the range it takes in the rows the circuit
 * was calibrated on, widened by {@link #HEADROOM_WIDTHS} times that range's width on either side. The circuit's
 * fixed-point values must fit its decomposition (EZKL's base 256, 4 legs, at scale 2^14: about 2^17 in magnitude, for
 * every layer's values), so a value far outside (a {@code mouth_tension} of 1e6) cannot be proven: its proof used to fail
 * ("General synthesis error") after every attempt; such an input is refused when the proof is asked for instead.
 * Columns are named by the input schema's properties where the plugin's {@link ProvableModel#modelInput} puts each
 * property in one column of its own.
 */
public record ProvableRanges(List<String> names, double[] min, double[] max) {

    /**
     * Measured on the stress MLP's circuit with EZKL's mock prover: all 128 corners of the box widened by 1,000 widths
     * prove; a single feature fails only beyond 30,000 widths. 100 keeps a wide margin below both.
     */
    static final double HEADROOM_WIDTHS = 100;

    /** One column's range, as {@code GET /v1/models} publishes it. */
    public record Range(double min, double max) {}

    static ProvableRanges of(JsonNode inputSchema, ProvableModel provable) {
        List<float[]> rows = provable.calibrationInputs();
        int width = rows.getFirst().length;
        double[] min = new double[width];
        double[] max = new double[width];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (float[] row : rows) {
            for (int i = 0; i < width; i++) {
                min[i] = Math.min(min[i], row[i]);
                max[i] = Math.max(max[i], row[i]);
            }
        }
        for (int i = 0; i < width; i++) {
            double headroom = HEADROOM_WIDTHS * Math.max(max[i] - min[i], Math.ulp((float) max[i]));
            min[i] -= headroom;
            max[i] += headroom;
        }
        return new ProvableRanges(columnNames(inputSchema, provable, width), min, max);
    }

    /**
     * The property each column holds, found by feeding the plugin an input whose properties are 1, 2, 3, ... and
     * reading where each lands; {@code column i} where that does not tell.
     */
    private static List<String> columnNames(JsonNode schema, ProvableModel provable, int width) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            names.add("column " + i);
        }
        Map<String, Object> probe = new LinkedHashMap<>();
        List<String> properties = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            properties.add(name);
            probe.put(name, (double) properties.size());
        }
        try {
            float[] row = provable.modelInput(probe);
            for (int i = 0; i < Math.min(width, row.length); i++) {
                int property = Math.round(row[i]) - 1;
                if (row[i] == property + 1 && property >= 0 && property < properties.size()) {
                    names.set(i, properties.get(property));
                }
            }
        } catch (RuntimeException e) {
            // a plugin that does not take such an input: its columns keep their numbers
        }
        return List.copyOf(names);
    }

    /** The ranges by column name, for publishing. */
    public Map<String, Range> published() {
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ranges.put(names.get(i), new Range(min[i], max[i]));
        }
        return ranges;
    }

    /** Where {@code row} leaves the ranges, each located by {@code pointer} of its column's name; empty when it can be proven. */
    public List<FieldError> outside(float[] row, java.util.function.UnaryOperator<String> pointer) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < row.length && i < names.size(); i++) {
            if (!(row[i] >= min[i] && row[i] <= max[i])) {
                String name = names.get(i);
                errors.add(new FieldError(pointer.apply(name),
                        "%s = %s is outside [%s, %s], the range the proof's circuit can prove (see provableRanges)"
                                .formatted(name, row[i], (float) min[i], (float) max[i])));
            }
        }
        return errors;
    }

    public static VeriscoreException refusal(String model, List<FieldError> errors) {
        return VeriscoreException.unprocessable("an input of model " + model + " is outside what its circuit can prove (the"
                + " provableRanges of GET /v1/models): score it without \"prove\", or bring it into range", errors);
    }
}

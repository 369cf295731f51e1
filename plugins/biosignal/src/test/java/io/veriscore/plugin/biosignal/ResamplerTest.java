package io.veriscore.plugin.biosignal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    /** SciPy 1.17's resample_poly on 3 s of a random walk plus a sine, at WESAD's rates (and 100 Hz), to 35 Hz. */
    @Test
    void matchesScipysResamplePoly() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(ResamplerTest.class.getResourceAsStream("/resample_poly.json"));
        double worst = 0;
        for (Map.Entry<String, JsonNode> entry : cases.properties()) {
            double[] input = doubles(entry.getValue().get("input"));
            double[] expected = doubles(entry.getValue().get("output"));
            double[] actual = new Resampler(Integer.parseInt(entry.getKey()), 35).apply(input);
            assertEquals(expected.length, actual.length, entry.getKey() + " Hz");
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
                assertEquals(expected[i], actual[i], 1e-4, entry.getKey() + " Hz, sample " + i);
            }
        }
        System.out.printf("Figures: resampler vs SciPy resample_poly, largest difference %.2e%n", worst);
    }

    @Test
    void aSlowSineKeepsItsShape() {
        double[] x = new double[7000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(2 * Math.PI * 0.5 * i / 700.0);
        }
        double[] y = new Resampler(700, 35).apply(x);
        assertEquals(350, y.length);
        for (int i = 20; i < 330; i++) { // away from the zero-padded ends
            assertEquals(Math.sin(2 * Math.PI * 0.5 * i / 35.0), y[i], 1e-3);
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}

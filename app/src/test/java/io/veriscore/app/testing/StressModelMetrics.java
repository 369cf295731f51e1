package io.veriscore.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed stress model's metrics.json (models/stress-mlp), for tests that compare the API's answers with it. */
public final class StressModelMetrics {

    private StressModelMetrics() {}

    public static JsonNode metrics() {
        try (InputStream in = StressModelMetrics.class.getResourceAsStream("/stress-mlp/metrics.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

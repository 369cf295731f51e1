package io.veriscore.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed stress model's metrics.json (models/stress-mlp), for tests that compare the API's answers with it. */
final class StressModelMetrics {

    private StressModelMetrics() {}

    static JsonNode metrics() {
        try (InputStream in = StressModelMetrics.class.getResourceAsStream("/stress-mlp/metrics.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.veriscore.app.inference;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Recordings and windows through the API, scored by the real network and stored in real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class BiosignalApiTest {

    public static final List<String> CHANNELS = List.of("ecg", "eda", "resp", "temp", "acc_x", "acc_y", "acc_z");
    public static final Map<String, Integer> WESAD_RATES = Map.of("ecg", 700, "eda", 4, "resp", 700, "temp", 4, "acc_x", 32,
            "acc_y", 32, "acc_z", 32);

    /** A chest recording: an ECG of Gaussian R, S and T waves at 72 beats per minute, breathing at 15 per minute, quiet rest. */
    public static Map<String, Object> recording(Map<String, Integer> rates, double seconds) {
        Random random = new Random(7);
        Ecg ecg = Ecg.at72(seconds, random);
        Map<String, Object> channels = new LinkedHashMap<>();
        for (String name : CHANNELS) {
            int hz = rates.get(name);
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < (int) (seconds * hz); i++) {
                double t = (double) i / hz;
                values.add(switch (name) {
                    case "ecg" -> ecg.at(t) + 0.02 * random.nextGaussian();
                    case "eda" -> 3.0 + 0.2 * Math.sin(t / 20) + 0.005 * random.nextGaussian();
                    case "resp" -> 5 * Math.sin(2 * Math.PI * 0.25 * t) + 0.1 * random.nextGaussian();
                    case "temp" -> 33.6 + 0.01 * random.nextGaussian();
                    case "acc_z" -> 0.95 + 0.01 * random.nextGaussian();
                    default -> 0.01 * random.nextGaussian();
                });
            }
            channels.put(name, Map.of("hz", hz, "values", values));
        }
        return Map.of("channels", channels);
    }

    /**
     * Beats 60/72 s apart on average, each interval and each R wave varying by a few percent as a heart's do (a
     * perfectly periodic ECG sampled at 35 Hz hits the same R-wave height every beat, which looks like clipping).
     */
    public record Ecg(double[] beats, double[] heights) {

        public static Ecg at72(double seconds, Random random) {
            int count = (int) (seconds * 72 / 60) + 2;
            double[] beats = new double[count];
            double[] heights = new double[count];
            for (int i = 0; i < count; i++) {
                beats[i] = (i == 0 ? 0.3 : beats[i - 1] + 60.0 / 72 * (1 + 0.04 * random.nextGaussian()));
                heights[i] = 1 + 0.08 * random.nextGaussian();
            }
            return new Ecg(beats, heights);
        }

        /** R (up), S (down, just after) and T (broad, later) waves of the beats around t. */
        double at(double t) {
            double value = 0;
            for (int i = 0; i < beats.length; i++) {
                double dt = t - beats[i];
                if (dt > -0.2 && dt < 0.6) {
                    value += heights[i] * (bump(dt, 0, 0.012, 1.0) + bump(dt, 0.03, 0.01, -0.3) + bump(dt, 0.25, 0.04, 0.25));
                }
            }
            return value;
        }

        private static double bump(double t, double centre, double width, double height) {
            return height * Math.exp(-(t - centre) * (t - centre) / (2 * width * width));
        }
    }

    public static ValidatableResponse post(Map<String, Object> body) throws Exception {
        return Api.client().contentType(ContentType.JSON).body(new ObjectMapper().writeValueAsString(body))
                .post("/v1/inferences").then();
    }

    @Test
    void aRecordingAtWesadsRatesIsScoredWindowByWindow() throws Exception {
        JsonPath results = post(Map.of("model", "biosignal", "recording", recording(WESAD_RATES, 125))).statusCode(201)
                .body("results", hasSize(3))
                .body("results.label", everyItem(oneOf("baseline", "stress", "abstain")))
                .body("results.details.quality", everyItem(equalTo(Map.of())))
                .extract().jsonPath();
        for (int i = 0; i < 3; i++) {
            assertEquals(72.0, results.getDouble("results[" + i + "].details.heartRate"), 1.0);
        }
        Api.client().get("/q/metrics").then().statusCode(200)
                .body(containsString("veriscore_drift_checks_total{channel=\"ecg\",drifted="));
    }

    @Test
    void oneWindowAt35HertzIsOneResult() throws Exception {
        Map<String, Object> recording = recording(Map.of("ecg", 35, "eda", 35, "resp", 35, "temp", 35, "acc_x", 35,
                "acc_y", 35, "acc_z", 35), 60);
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("hz", 35);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) recording.get("channels");
        channels.forEach((name, channel) -> window.put(name, channel.get("values")));
        post(Map.of("model", "biosignal", "input", window)).statusCode(201)
                .body("model.id", equalTo("biosignal"))
                .body("details.drift.ecg.threshold", org.hamcrest.Matchers.notNullValue());
        window.put("hz", 100);
        post(Map.of("model", "biosignal", "input", window)).statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/input/hz"));
    }

    @Test
    void badRecordingsAreProblemsThatPointAtTheirPart() throws Exception {
        Map<String, Object> missing = new LinkedHashMap<>(recording(WESAD_RATES, 70));
        @SuppressWarnings("unchecked")
        Map<String, Object> channels = new LinkedHashMap<>((Map<String, Object>) missing.get("channels"));
        channels.remove("eda");
        missing.put("channels", channels);
        post(Map.of("model", "biosignal", "recording", missing)).statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/recording/channels/eda"));
        post(Map.of("model", "biosignal", "recording", recording(WESAD_RATES, 30))).statusCode(422)
                .body("detail", containsString("one window needs 60 s"));
        post(Map.of("model", "stress-mlp", "recording", recording(WESAD_RATES, 70))).statusCode(422)
                .body("errors[0].pointer", equalTo("/recording"));
        post(Map.of("model", "biosignal", "recording", List.of(1, 2))).statusCode(400);
    }
}

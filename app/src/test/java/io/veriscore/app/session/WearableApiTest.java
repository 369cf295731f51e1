package io.veriscore.app.session;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.veriscore.app.inference.BiosignalApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A face session that also receives wearable windows: one fused stress reading, real models, real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class WearableApiTest {

    static ValidatableResponse wearable(String session, Map<String, Object> body) {
        return Api.client().contentType(ContentType.JSON).body(body).post("/v1/sessions/{id}/wearable", session).then();
    }

    @Test
    void faceEmotionAndWearableAreFusedWithEachContributionShown() {
        String session = SessionApiTest.open();
        JsonPath frame = SessionApiTest.frame(session, "s3-left.jpg", 0);
        JsonPath answer = wearable(session, Map.of("recording", BiosignalApiTest.recording(BiosignalApiTest.WESAD_RATES, 65),
                "capturedAt", SessionApiTest.START.plusSeconds(1).toString())).statusCode(201)
                .body("seq", equalTo(1)).body("quality", equalTo(Map.of())).extract().jsonPath();
        double wearableStress = answer.getDouble("stress");
        double face = frame.getDouble("aggregates.stress.ema");
        double negative = List.of("angry", "disgust", "fear", "sad").stream()
                .mapToDouble(name -> frame.getDouble("emotion.probabilities." + name)).sum();
        assertEquals(0.3 * face + 0.2 * negative + 0.5 * wearableStress, answer.getDouble("aggregates.fused.stress"), 1e-3);
        assertEquals(List.of("face", "emotion", "biosignal"), answer.getList("aggregates.fused.contributions.modality"));
        assertEquals(List.of(), answer.getList("aggregates.fused.abstained"));
        JsonPath later = SessionApiTest.frame(session, "s3-left.jpg", 2);
        assertEquals(wearableStress, later.getDouble("aggregates.fused.contributions[2].value"), 1e-3,
                "the latest window stays in the fusion while it is fresh");
    }

    @Test
    void aWindowWithALostElectrodeAbstainsAndTheFaceCarriesTheReading() {
        String session = SessionApiTest.open();
        SessionApiTest.frame(session, "s3-left.jpg", 0);
        Map<String, Object> recording = BiosignalApiTest.recording(BiosignalApiTest.WESAD_RATES, 65);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> channels = new LinkedHashMap<>((Map<String, Map<String, Object>>) recording.get("channels"));
        List<Double> flat = new ArrayList<>();
        for (int i = 0; i < 65 * 700; i++) {
            flat.add(0.0);
        }
        channels.put("ecg", Map.of("hz", 700, "values", flat));
        JsonPath answer = wearable(session, Map.of("recording", Map.of("channels", channels),
                "capturedAt", SessionApiTest.START.plusSeconds(1).toString())).statusCode(201)
                .body("label", equalTo("abstain")).extract().jsonPath();
        assertEquals("biosignal", answer.getString("aggregates.fused.abstained[0].modality"));
        assertEquals(0.6, answer.getDouble("aggregates.fused.contributions[0].weight"), 1e-4, "face: 0.3 of the 0.5 left");
        assertEquals(0.4, answer.getDouble("aggregates.fused.contributions[1].weight"), 1e-4, "emotion: 0.2 of the 0.5 left");
    }

    @Test
    void aWindowMustBeOneOfInputAndRecording() {
        String session = SessionApiTest.open();
        wearable(session, Map.of("capturedAt", SessionApiTest.START.toString())).statusCode(400)
                .contentType("application/problem+json");
        wearable(session, Map.of("input", Map.of("hz", 35))).statusCode(422).contentType("application/problem+json");
    }
}

package io.veriscore.app.inference;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import io.veriscore.app.testing.Inputs;
import io.veriscore.app.testing.StressModelMetrics;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class InferenceApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void scoresStoresAndServesOneInput() throws Exception {
        String id = Inputs.post(Inputs.single(Inputs.TIRED))
                .statusCode(201)
                .header("Location", matchesPattern(".*/v1/inferences/[0-9a-f-]{36}"))
                .body("model.id", equalTo("stress-mlp"))
                .body("model.version", equalTo("1.1.0"))
                .body("model.sha256", equalTo(StressModelMetrics.metrics().get("sha256").asText()))
                .body("label", equalTo("stressed"))
                .body("score100", equalTo(StressModelMetrics.metrics().at("/profiles/tired/score100").floatValue()))
                .body("warnings", hasSize(0))
                .body("inputSha256", matchesPattern("[0-9a-f]{64}"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        assertEquals(1, countRows("SELECT count(*) FROM inference WHERE id = '" + UUID.fromString(id) + "'"),
                "a 201 means the row is committed");
        Api.client().when().get("/v1/inferences/" + id).then()
                .statusCode(200).body("id", equalTo(id)).body("label", equalTo("stressed"));
    }

    @Test
    void inputHashIsOverCanonicalJson() throws Exception {
        String first = Inputs.post(Inputs.single(Inputs.RESTED)).statusCode(201).body("label", equalTo("healthy")).extract().path("inputSha256");
        String second = Inputs.post(Inputs.single(Inputs.RESTED_REORDERED)).statusCode(201).extract().path("inputSha256");
        assertEquals(first, second);
        String canonical = "{\"brow_tension\":0.045,\"eye_symmetry\":0.04,\"left_eye_aspect\":0.32,\"mouth_opening\":0.18,"
                + "\"mouth_tension\":5,\"right_eye_aspect\":0.33,\"time_of_day\":0.34}"; // RFC 8785
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, first);
    }

    @Test
    void flagsButScoresFeaturesOutsideTheTrainingRange() {
        Inputs.post(Inputs.single(Inputs.TIRED.replace("\"mouth_tension\": 8.0", "\"mouth_tension\": 30")))
                .statusCode(201)
                .body("warnings", hasSize(1))
                .body("warnings[0]", containsString("mouth_tension = 30.0 is outside the training range"));
    }

    @Test
    void scoresABatchInOrder() {
        Inputs.post("{\"model\": \"stress-mlp\", \"inputs\": [" + Inputs.TIRED + "," + Inputs.RESTED + "," + Inputs.TIRED + "]}")
                .statusCode(201)
                .header("Location", nullValue())
                .body("results", hasSize(3))
                .body("results.label", equalTo(List.of("stressed", "healthy", "stressed")));
    }

    @Test
    void listsNewestFirstWithFiltersAndCursors() {
        String model = "stress-mlp";
        for (int i = 0; i < 3; i++) {
            Inputs.post(Inputs.single(Inputs.RESTED)).statusCode(201);
        }
        var firstPage = Api.client().queryParam("model", model).queryParam("label", "healthy").queryParam("limit", 2)
                .when().get("/v1/inferences").then().statusCode(200)
                .body("items", hasSize(2)).body("items.label", everyItem(equalTo("healthy")))
                .body("nextCursor", notNullValue()).extract();
        List<String> firstIds = firstPage.path("items.id");
        List<String> created = firstPage.path("items.createdAt");
        assertNotEquals(firstIds.get(0), firstIds.get(1));
        assertEquals(1, created.get(0).compareTo(created.get(1)) >= 0 ? 1 : 0, "newest first");

        List<String> nextIds = Api.client().queryParam("label", "healthy").queryParam("model", model).queryParam("limit", 2)
                .queryParam("cursor", (String) firstPage.path("nextCursor"))
                .when().get("/v1/inferences").then().statusCode(200).extract().path("items.id");
        nextIds.forEach(id -> assertEquals(false, firstIds.contains(id), "pages do not overlap"));

        Api.client().queryParam("from", "2999-01-01T00:00:00Z").when().get("/v1/inferences").then()
                .statusCode(200).body("items", hasSize(0)).body("nextCursor", nullValue());
        Api.client().queryParam("label", "stressed").when().get("/v1/inferences").then()
                .statusCode(200).body("items.label", everyItem(equalTo("stressed")));
    }

    @Test
    void aRetriedRequestWithAnIdempotencyKeyReturnsTheFirstResponse() throws Exception {
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"model\": \"stress-mlp\", \"inputs\": [" + Inputs.TIRED + "," + Inputs.RESTED + "]}";
        List<String> first = Api.client().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/inferences").then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().path("results.id");
        List<String> again = Api.client().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/inferences").then().statusCode(201).header("Idempotent-Replayed", equalTo("true"))
                .extract().path("results.id");
        assertEquals(first, again);
        // keys are kept per client
        assertEquals(1, countRows("SELECT count(*) FROM idempotency_record WHERE idempotency_key = 'test-client:" + key + "'"));

        Inputs.problem(Api.client().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Inputs.single(Inputs.TIRED))
                .when().post("/v1/inferences").then(), 422)
                .body("detail", containsString("already used for a different request"));
    }

    @Test
    void concurrentRetriesWithOneKeyStoreOneResult() throws Exception {
        String key = "race-" + UUID.randomUUID();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                ids.add(pool.submit(() -> Api.client().header("Idempotency-Key", key).contentType(ContentType.JSON)
                        .body(Inputs.single(Inputs.TIRED)).when().post("/v1/inferences").then().statusCode(201)
                        .extract().<String>path("id")));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, distinct.size(), "every client sees the one stored result");
            assertEquals(1, countRows("SELECT count(*) FROM inference WHERE id = '" + distinct.iterator().next() + "'"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedRequestsAre400Problems() {
        Inputs.problem(Inputs.post("{\"model\": \"stress-mlp\", \"input\": {"), 400)
                .body("detail", containsString("not valid JSON"))
                .body("detail", containsString("(line 1, column"))
                .body("detail", not(containsString("Source")));
        Inputs.problem(Inputs.post("[1, 2]"), 400);
        Inputs.problem(Inputs.post(""), 400);
        Inputs.problem(Inputs.post("{\"input\": " + Inputs.TIRED + "}"), 400).body("detail", containsString("'model' is required"))
                .body("errors[0].pointer", equalTo("/model"));
        Inputs.problem(Inputs.post("{\"model\": \"stress-mlp\", \"input\": " + Inputs.TIRED + ", \"inputs\": []}"), 400)
                .body("detail", containsString("exactly one of"))
                .body("errors.pointer", containsInAnyOrder("", "/inputs"));
        Inputs.problem(Inputs.post("{\"model\": \"stress-mlp\", \"inputs\": []}"), 400)
                .body("detail", equalTo("'inputs' must hold at least one input"));
        Inputs.problem(Inputs.post("{\"model\": \"stress-mlp\", \"input\": " + Inputs.TIRED + ", \"capturedAt\": \"2026-12-02T00:00:00Z\"}"), 400)
                .body("detail", equalTo("'capturedAt' goes with 'image'")).body("errors[0].pointer", equalTo("/capturedAt"));
        Inputs.problem(Inputs.post("{\"model\": \"stress-mlp\", \"input\": [0.1, 0.2]}"), 400).body("detail", containsString("JSON object"));
        Inputs.problem(Inputs.post("{\"model\": \"stress-mlp\", \"input\": " + Inputs.TIRED + ", \"color\": \"red\"}"), 400)
                .body("detail", containsString("unknown field 'color'"));
        Inputs.problem(Inputs.post("{\"model\": \"stress-mlp\", \"input\": {\"left_eye_aspect\": NaN}}"), 400);
        Inputs.problem(Api.client().contentType(ContentType.TEXT).body("hello").when().post("/v1/inferences").then(), 415);
        Inputs.problem(Api.client().header("Idempotency-Key", "x".repeat(256)).contentType(ContentType.JSON).body(Inputs.single(Inputs.TIRED))
                .when().post("/v1/inferences").then(), 400)
                .body("detail", equalTo("Idempotency-Key must have 1 to 255 characters")).body("errors", nullValue());
    }

    @Test
    void inputsTheModelCannotScoreAre422ProblemsNamingTheField() {
        Inputs.problem(Inputs.post("{\"model\": \"no-such-model\", \"input\": " + Inputs.TIRED + "}"), 422)
                .body("detail", containsString("unknown model 'no-such-model'"))
                .body("errors[0].pointer", equalTo("/model"));
        Inputs.problem(Inputs.post(Inputs.single(Inputs.TIRED.replace("\"time_of_day\": 0.67", "\"time_of_day\": 1.5"))), 422)
                .body("errors.pointer", hasItem("/input/time_of_day"));
        Inputs.problem(Inputs.post(Inputs.single(Inputs.TIRED.replace(", \"time_of_day\": 0.67", ""))), 422)
                .body("errors[0].pointer", equalTo("/input/time_of_day"))
                .body("errors[0].detail", equalTo("required property 'time_of_day' not found"));
        Inputs.problem(Inputs.post(Inputs.single(Inputs.TIRED.replace("\"time_of_day\": 0.67", "\"time_of_day\": 0.67, \"pulse\": 80"))), 422)
                .body("errors[0].pointer", equalTo("/input/pulse"))
                .body("errors[0].detail", containsString("'pulse' is not defined in the schema"));
        Inputs.problem(Inputs.post(Inputs.single(Inputs.TIRED.replace("\"brow_tension\": 0.025", "\"brow_tension\": -0.02"))), 422)
                .body("errors.pointer", hasItem("/input/brow_tension"));
        Inputs.problem(Inputs.post(Inputs.single(Inputs.TIRED.replace("\"brow_tension\": 0.025", "\"brow_tension\": \"low\""))), 422)
                .body("errors.pointer", hasItem("/input/brow_tension"));
        Inputs.problem(Inputs.post(Inputs.single(Inputs.TIRED.replace("\"mouth_tension\": 8.0", "\"mouth_tension\": 1e400"))), 422)
                .body("errors[0].pointer", equalTo("/input/mouth_tension"))
                .body("detail", containsString("finite"));
        Inputs.problem(Inputs.post("{\"model\": \"stress-mlp\", \"inputs\": [" + Inputs.TIRED + ", {\"left_eye_aspect\": 0.2}]}"), 422)
                .body("errors.pointer", everyItem(matchesPattern("/inputs/1.*")));
    }

    @Test
    void oversizedBodiesAndBatchesAre413Problems() {
        String padded = Inputs.single(Inputs.TIRED).replace("{\"model\"", "{" + " ".repeat(8_400_000) + "\"model\"");
        Inputs.problem(Inputs.post(padded), 413).body("detail", containsString("at most 8388608"));
        StringBuilder batch = new StringBuilder("{\"model\": \"stress-mlp\", \"inputs\": [");
        for (int i = 0; i < 257; i++) {
            batch.append(i == 0 ? "" : ",").append(Inputs.RESTED);
        }
        Inputs.problem(Inputs.post(batch.append("]}").toString()), 413).body("detail", containsString("at most 256 inputs"));
    }

    @Test
    void unknownResourcesAndBadQueriesAreProblems() {
        Inputs.problem(Api.client().when().get("/v1/inferences/" + UUID.randomUUID()).then(), 404);
        Inputs.problem(Api.client().when().get("/v1/inferences/not-a-uuid").then(), 404);
        Inputs.problem(Api.client().when().get("/v1/nothing-here").then(), 404);
        Inputs.problem(Api.client().when().delete("/v1/inferences").then(), 405);
        Inputs.problem(Api.client().queryParam("limit", 0).when().get("/v1/inferences").then(), 400);
        Inputs.problem(Api.client().queryParam("from", "yesterday").when().get("/v1/inferences").then(), 400);
        Inputs.problem(Api.client().queryParam("cursor", "garbage").when().get("/v1/inferences").then(), 400);
    }

    @Test
    void exposesHealthMetricsAndOpenApi() {
        Api.client().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).body("checks.name", hasItem(containsString("Database")));
        Inputs.post(Inputs.single(Inputs.RESTED)).statusCode(201);
        Api.client().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("veriscore_inference_model_seconds_count{model=\"stress-mlp\""));
        Api.client().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/inferences"));
    }

    /**
     * Without a key, health says up or down and nothing more (its checks name the chain's RPC URL and the errors met),
     * and the metrics are refused; every answer forbids MIME sniffing, framing and referrers, and the console's page
     * carries a strict Content-Security-Policy.
     */
    @Test
    void anonymousCallersLearnUpOrDownOnlyAndEveryAnswerIsHardened() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live")) {
            io.restassured.RestAssured.given().get(path).then().statusCode(org.hamcrest.Matchers.oneOf(200, 503))
                    .body("status", org.hamcrest.Matchers.oneOf("UP", "DOWN")).body("checks", org.hamcrest.Matchers.nullValue());
            io.restassured.RestAssured.given().header("Authorization", "Bearer vsk_nobody").get(path).then()
                    .body("checks", org.hamcrest.Matchers.nullValue());
        }
        Api.client().get("/q/health/ready").then().body("checks.name", hasItem("Database"));
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        Api.auditor().get("/q/metrics").then().statusCode(200);

        io.restassured.RestAssured.given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.allOf(containsString("script-src 'self'"), containsString("frame-ancestors 'none'"),
                        org.hamcrest.Matchers.not(containsString("unsafe-inline"))))
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer").header("X-Frame-Options", "DENY");
        Api.client().get("/v1/models").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }

    private long countRows(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

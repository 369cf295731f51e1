package io.veriscore.app.web;

import static io.veriscore.app.testing.Inputs.post;
import static io.veriscore.app.testing.Inputs.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.veriscore.app.session.SessionApiTest;
import io.veriscore.app.testing.Api;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The hostile and careless requests that once hung a worker, answered 500 or went unanswered (issue 13): each now
 * gets a clear RFC 9457 problem.
 */
@QuarkusTest
public class HostileRequestsTest {

    private static final String FEATURES = "\"left_eye_aspect\": 0.3, \"right_eye_aspect\": 0.31, \"brow_tension\": 0.04,"
            + " \"mouth_tension\": 5, \"eye_symmetry\": 0.1, \"mouth_opening\": 0.1";

    @TestHTTPResource("/")
    URI base;

    /** Subnormal numbers once spun a worker in BigInteger arithmetic for ever; now they hash as RFC 8785 says. */
    @Test
    void subnormalNumbersAreScoredAtOnceAndHashedCanonically() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String tiny : new String[] {"1e-315", "1e-320", "5e-324"}) {
                String canonical = "{\"brow_tension\":0.04,\"eye_symmetry\":0.1,\"left_eye_aspect\":0.3,\"mouth_opening\":0.1,"
                        + "\"mouth_tension\":5,\"right_eye_aspect\":0.31,\"time_of_day\":" + tiny + "}";
                post(input(FEATURES + ", \"time_of_day\": " + tiny)).statusCode(201)
                        .body("inputSha256", equalTo(sha256(canonical)));
            }
        });
    }

    @Test
    void numbersADoubleCannotHoldExactlyAre422NamingTheField() {
        problem(post(input(FEATURES.replace("\"mouth_tension\": 5", "\"mouth_tension\": 1" + "0".repeat(400))
                + ", \"time_of_day\": 0.5")), 422)
                .body("errors[0].pointer", equalTo("/input/mouth_tension"))
                .body("errors[0].detail", containsString("2^53"));
        problem(post(input(FEATURES + ", \"time_of_day\": 9007199254740993")), 422)
                .body("errors[0].pointer", equalTo("/input/time_of_day"));
        problem(post(input(FEATURES + ", \"time_of_day\": 1e400")), 422)
                .body("errors[0].detail", containsString("not a finite IEEE-754 double"));
        problem(post("{\"model\": \"stress-mlp\", \"inputs\": [{" + FEATURES + ", \"time_of_day\": 0.5}, {\"a\\u0000\": \"b\"}]}"), 422)
                .body("errors[0].pointer", equalTo("/inputs/1"));
        problem(post(input(FEATURES + ", \"time_of_day\": \"\\u0000\"")), 422)
                .body("errors[0].pointer", equalTo("/input/time_of_day"));
        post(input(FEATURES + ", \"time_of_day\": 9007199254740992")).statusCode(422) // exact, but out of the model's range
                .body("errors[0].pointer", equalTo("/input/time_of_day"))
                .body("errors[0].detail", org.hamcrest.Matchers.not(containsString("2^53")));
    }

    @Test
    void aMemberNamedTwiceIsRefused() {
        problem(post("{\"model\": \"stress-mlp\", \"model\": \"fer\", \"input\": {" + FEATURES + ", \"time_of_day\": 0.5}}"), 400)
                .body("detail", containsString("Duplicate field 'model'"));
        problem(post(input(FEATURES + ", \"time_of_day\": 0.5, \"time_of_day\": 0.9")), 400)
                .body("detail", containsString("Duplicate field 'time_of_day'"));
    }

    /** A lone surrogate is no Unicode character and cannot be hashed canonically: it once answered 500. */
    @Test
    void loneSurrogatesAreRefusedWhereverTheyStand() {
        String features = "{" + FEATURES + ", \"time_of_day\": 0.5}";
        for (String body : new String[] {
                "{\"model\": \"\\ud800\", \"input\": " + features + "}",
                "{\"model\": \"stress-mlp\", \"input\": {" + FEATURES + ", \"time_of_day\": 0.5, \"\\udfff\": 1}}",
                "{\"model\": \"stress-mlp\", \"input\": {" + FEATURES + ", \"time_of_day\": \"a\\ud83d\"}}",
                "{\"model\": \"stress-mlp\", \"inputs\": [" + features + ", [\"\\ude00\"]]}",
                "{\"model\": \"stress-mlp\", \"image\": \"\\ud800\"}"}) {
            problem(post(body), 400).body("detail", containsString("surrogate")); // Jackson's own words for a member name
        }
        problem(Api.client().contentType(ContentType.JSON).body("{\"url\": \"http://example.com/\\udbff\"}").post("/v1/webhooks").then(), 400)
                .body("detail", containsString("lone UTF-16 surrogate"));
        problem(post("{\"model\": \"\\ud83d\\ude00\", \"input\": " + features + "}"), 422) // a pair is a character: an unknown model
                .body("detail", containsString("\uD83D\uDE00"));
    }

    /** "prove": "true" once asked for a proof: a boolean or a number written as a string is the wrong type. */
    @Test
    void scalarsOfTheWrongTypeAreNotCoerced() {
        String features = "{" + FEATURES + ", \"time_of_day\": 0.5}";
        problem(post("{\"model\": \"stress-mlp\", \"prove\": \"true\", \"input\": " + features + "}"), 400)
                .body("errors[0].pointer", equalTo("/prove"));
        problem(post("{\"model\": \"stress-mlp\", \"prove\": 1, \"input\": " + features + "}"), 400)
                .body("errors[0].pointer", equalTo("/prove"));
    }

    @Test
    void malformedFormsAre400() {
        problem(Api.client().contentType("multipart/form-data; boundary=b").body("--b\r\n[]--b--\r\n".getBytes(StandardCharsets.US_ASCII))
                .post("/v1/inferences").then(), 400)
                .body("detail", containsString("multipart/form-data"));
        problem(Api.client().contentType("multipart/form-data; boundary=b")
                .body("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nstress-mlp".getBytes(StandardCharsets.US_ASCII))
                .post("/v1/inferences").then(), 400)
                .body("detail", containsString("closing boundary"));
    }

    @Test
    void nulInAQueryIsA400NamingTheParameter() {
        problem(Api.client().urlEncodingEnabled(false).get("/v1/inferences?label=%00").then(), 400)
                .body("detail", containsString("'label'"));
        problem(Api.client().urlEncodingEnabled(false).get("/v1/inferences?model=a%00b").then(), 400)
                .body("detail", containsString("'model'"));
        problem(Api.auditor().urlEncodingEnabled(false).get("/v1/audit/records?label=%00").then(), 400);
    }

    @Test
    void anEncodedPercentInAPathIsAPlain404() {
        problem(Api.client().urlEncodingEnabled(false).get("/v1/inferences/%25%3A/onchain").then(), 404)
                .body("instance", equalTo("/v1/inferences/%25%3A/onchain"));
    }

    @Test
    void unparseableQueryValuesAre400NamingTheParameter() {
        problem(Api.client().get("/v1/inferences?limit=abc").then(), 400).body("detail", containsString("'limit'"));
        problem(Api.auditor().post("/v1/audit/verify?proofSample=2147483648").then(), 400)
                .body("detail", containsString("'proofSample' must be a whole number from 0 to 1000"));
        problem(Api.auditor().get("/v1/audit/tree-head?treeSize=9223372036854775808").then(), 400)
                .body("detail", containsString("'treeSize'"));
        problem(Api.auditor().get("/v1/audit/consistency?from=1&to=x").then(), 400).body("detail", containsString("'to'"));
        problem(Api.auditor().get("/v1/audit/export?proofs=maybe").then(), 400).body("detail", containsString("'proofs'"));
        problem(Api.client().get("/v1/inferences?onchainStatus=maybe").then(), 400).body("detail", containsString("'onchainStatus'"));
        problem(Api.client().get("/v1/inferences/export?proofStatus=maybe").then(), 400).body("detail", containsString("'proofStatus'"));
    }

    @Test
    void anIdempotencyKeyIsCheckedForImagesToo() {
        problem(Api.client().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(256))
                .body("{\"model\": \"stress-mlp\", \"image\": \"aGVsbG8=\"}").post("/v1/inferences").then(), 400)
                .body("detail", containsString("Idempotency-Key"));
    }

    /** Bean Validation checks every request body and form; each violation is named with its JSON pointer. */
    @Test
    void bodiesAndFormsAreCheckedByTheirConstraints() {
        problem(Api.client().contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\"}").post("/v1/proofs:verify").then(), 400)
                .body("detail", containsString("'proof' is required")).body("errors[0].pointer", equalTo("/proof"));
        String session = SessionApiTest.open();
        problem(Api.client().contentType(ContentType.JSON).body("{\"capturedAt\": \"2026-12-02T00:00:00Z\"}")
                .post("/v1/sessions/{id}/frames", session).then(), 400).body("errors[0].pointer", equalTo("/image"));
        problem(Api.client().contentType(ContentType.JSON).body("null").post("/v1/sessions/{id}/frames", session).then(), 400)
                .body("detail", containsString("a frame is"));
        problem(Api.client().multiPart("model", "stress-mlp").multiPart("prove", "maybe")
                .multiPart("image", "face.jpg", new byte[] {1}, "image/jpeg").post("/v1/inferences").then(), 400)
                .body("detail", equalTo("'prove' must be true or false"));
        problem(Api.client().multiPart("image", "face.jpg", new byte[] {1}, "image/jpeg").post("/v1/inferences").then(), 400)
                .body("detail", containsString("'model' is required"));
    }

    /** A chunked body has no Content-Length to refuse up front: it is cut off at the limit with a problem. */
    @Test
    void anEndlessChunkedBodyIsA413Problem() throws Exception {
        byte[] start = "{\"model\": \"stress-mlp\", \"image\": \"".getBytes(StandardCharsets.US_ASCII);
        var endless = new SequenceInputStream(new ByteArrayInputStream(start), new java.io.InputStream() {
            private long left = 50L << 20;

            @Override
            public int read() {
                return left-- > 0 ? 'A' : -1;
            }
        });
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/inferences"))
                .header("Authorization", "Bearer " + Api.CLIENT_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless)).build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(413, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        org.hamcrest.MatcherAssert.assertThat(response.body(), containsString("urn:veriscore:problem:too-large"));
    }

    private static String input(String members) {
        return "{\"model\": \"stress-mlp\", \"input\": {" + members + "}}";
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.veriscore.app.web;

import static io.veriscore.app.testing.Inputs.RESTED;
import static io.veriscore.app.testing.Inputs.TIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.veriscore.app.proof.ProofApiTest;
import io.veriscore.app.session.FrameStreamTest;
import io.veriscore.app.session.SessionApiTest;
import io.veriscore.app.status.StatusEventsTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Inputs;
import io.veriscore.app.testing.Proofs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What one key may do or hold at once is limited, so that one client never takes another's share: its requests (a
 * rate), long-lived streams (per key as well as per instance; a frame stream that falls silent is closed) and queued
 * proofs. This instance allows two event streams, one per key, two frame streams per key, closed after two idle
 * seconds, three queued proofs per key, and the auditor's key 5 requests a minute.
 */
@QuarkusTest
@TestProfile(StreamLimitsTest.SmallLimits.class)
public class StreamLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("veriscore.inference.max-event-streams", "2", "veriscore.inference.max-event-streams-per-client", "1",
                    "veriscore.session.max-streams-per-client", "2", "veriscore.session.stream-idle-timeout", "PT2S",
                    "veriscore.prover.max-queued-per-client", "3", "veriscore.auth.credentials.test-auditor.requests-per-minute", "5");
        }
    }

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * One key's streams never take another's places: the client at its limit gets 429, the other client still gets its
     * stream, and only then is the instance full (503).
     */
    @Test
    void openStreamsAreLimitedPerKeyAndPerInstanceAndAClosedOneFreesItsPlace() throws Exception {
        String id = ProofApiTest.requestProof(TIRED);
        Proofs.awaitStatus(id, ProofApiTest.FIRST_PROOF, "proven");
        String others = Api.otherClient().contentType(ContentType.JSON).body(ProofApiTest.proveOne(RESTED))
                .post("/v1/inferences").then().statusCode(202).extract().path("id");
        HttpResponse<Stream<String>> first = StatusEventsTest.awaitOpen(base, id); // proven, not submitted: it stays open
        try (Stream<String> lines = first.body()) {
            assertTrue(lines.filter(line -> line.startsWith("data:")).findFirst().orElseThrow().contains("\"proven\""));
            HttpResponse<Stream<String>> second = StatusEventsTest.open(base, id, Api.CLIENT_KEY);
            assertEquals(429, second.statusCode());
            assertTrue(second.headers().firstValue("Retry-After").isPresent());
            assertTrue(second.body().collect(java.util.stream.Collectors.joining()).contains("this key has 1 open event streams"));
            HttpResponse<Stream<String>> other = StatusEventsTest.open(base, others, Api.OTHER_CLIENT_KEY);
            assertEquals(200, other.statusCode(), "another key is not held back by the first one's streams");
            try (Stream<String> otherLines = other.body()) {
                assertTrue(otherLines.anyMatch(line -> line.startsWith("data:")));
                HttpResponse<Stream<String>> full = StatusEventsTest.open(base, id, Api.AUDITOR_KEY);
                assertEquals(503, full.statusCode());
                assertTrue(full.body().collect(java.util.stream.Collectors.joining()).contains("this instance has 2 open event streams"));
            }
        }
        StatusEventsTest.awaitOpen(base, id).body().close(); // the closed stream's place is free again
    }

    /** A key over its rate is told 429 with when to come back, and the RateLimit headers; another key is not slowed. */
    @Test
    void requestsAreRateLimitedPerKey() {
        io.restassured.response.Response last = null;
        for (int i = 0; i < 10; i++) {
            last = Api.auditor().get("/v1/models");
            if (last.statusCode() == 429) {
                break;
            }
            assertEquals(200, last.statusCode());
            assertEquals("5", last.header("RateLimit-Limit"));
        }
        last.then().statusCode(429).contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .header("RateLimit-Remaining", "0").body("detail", org.hamcrest.Matchers.containsString("5 requests a minute"));
        Api.client().get("/v1/models").then().statusCode(200);
        io.restassured.RestAssured.given().get("/v1/models").then().statusCode(200); // anonymous reads are not keyed
    }

    /** A key with its limit of proofs queued is told 429 (its results are not stored); another key still gets its proof. */
    @Test
    void queuedProofsAreBoundedPerKey() throws Exception {
        String batch = "{\"model\": \"stress-mlp\", \"prove\": true, \"inputs\": [" + TIRED + ", " + RESTED + ", " + TIRED + "]}";
        List<String> queued = Api.client().contentType(ContentType.JSON).body(batch).post("/v1/inferences").then().statusCode(202)
                .extract().path("results.id");
        Api.client().contentType(ContentType.JSON).body(ProofApiTest.proveOne(RESTED)).post("/v1/inferences").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", org.hamcrest.Matchers.containsString("proofs queued"));
        Api.client().contentType(ContentType.JSON).body(Inputs.single(RESTED)).post("/v1/inferences").then().statusCode(201);
        String others = Api.otherClient().contentType(ContentType.JSON).body(ProofApiTest.proveOne(TIRED)).post("/v1/inferences")
                .then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + ProofApiTest.FIRST_PROOF.toNanos();
        while (!"proven".equals(Api.otherClient().get("/v1/inferences/{id}/proof", others).then().extract().path("status"))) {
            assertTrue(System.nanoTime() < deadline, "the other key's proof is made");
            Thread.sleep(100);
        }
        for (String id : queued) {
            Proofs.awaitStatus(id, ProofApiTest.FIRST_PROOF, "proven");
        }
        Api.client().contentType(ContentType.JSON).body(ProofApiTest.proveOne(RESTED)).post("/v1/inferences").then().statusCode(202);
    }

    @Test
    void frameStreamsAreLimitedPerKeyAndAnIdleOneIsClosed() throws Exception {
        String session = SessionApiTest.open();
        List<FrameStreamTest.Answers> answers = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(new FrameStreamTest.Answers());
            sockets.add(FrameStreamTest.connect(http, base, session, List.of("veriscore.v1", Api.CLIENT_KEY), answers.get(i)).join());
        }
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () ->
                FrameStreamTest.connect(http, base, session, List.of("veriscore.v1", Api.CLIENT_KEY), new FrameStreamTest.Answers()).join());
        HttpResponse<?> response = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse();
        assertEquals(429, response.statusCode());
        assertTrue(String.valueOf(response.body()).contains("this key has 2 open frame streams"), String.valueOf(response.body()));

        String othersSession = Api.otherClient().post("/v1/sessions").then().statusCode(201).extract().path("id");
        WebSocket others = FrameStreamTest.connect(http, base, othersSession, List.of("veriscore.v1", Api.OTHER_CLIENT_KEY),
                new FrameStreamTest.Answers()).join();
        assertEquals("veriscore.v1", others.getSubprotocol(), "another key still gets a stream");

        sockets.get(0).sendText(FrameStreamTest.frame("astronaut.jpg", 0), true).join();
        assertEquals(1, answers.get(0).next().getInt("seq"));
        for (FrameStreamTest.Answers silent : answers) {
            assertEquals(1001, silent.closed.get(30, TimeUnit.SECONDS), "a stream with no frame for 2 s is closed");
        }
        FrameStreamTest.connect(http, base, session, List.of("veriscore.v1", Api.CLIENT_KEY), new FrameStreamTest.Answers()).join()
                .sendClose(WebSocket.NORMAL_CLOSURE, "done").join(); // the closed streams' places are free again
    }
}

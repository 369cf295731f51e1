package io.veriscore.app.status;

import static io.veriscore.app.testing.Inputs.RESTED;
import static io.veriscore.app.testing.Inputs.TIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.veriscore.app.proof.ProofApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Proofs;
import io.veriscore.app.web.StreamLimitsTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** GET /v1/inferences/{id}/events pushes a result's proof status as it changes: no client polls. Its limits: StreamLimitsTest. */
@QuarkusTest
public class StatusEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aProofsProgressIsPushedUntilItIsProven() throws Exception {
        String id = ProofApiTest.requestProof(TIRED);
        List<JsonNode> events = new ArrayList<>();
        HttpResponse<Stream<String>> stream = awaitOpen(id);
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (Stream<String> lines = stream.body()) {
            Iterator<String> data = lines.filter(line -> line.startsWith("data:")).iterator();
            while (data.hasNext()) {
                JsonNode event = JSON.readTree(data.next().substring("data:".length()));
                events.add(event);
                if (!event.path("proof").path("status").asText().matches("queued|proving")) {
                    break; // proven, and it stays open for an on-chain submission: the client closes it
                }
            }
        }
        List<String> statuses = events.stream().map(e -> e.path("proof").path("status").asText()).toList();
        assertEquals("proven", statuses.get(statuses.size() - 1), "events: " + events);
        assertTrue(List.of("queued", "proving", "proven").containsAll(statuses), statuses.toString());
        for (int i = 1; i < events.size(); i++) {
            assertNotEquals(events.get(i - 1), events.get(i), "an event is sent only on a change");
        }
        assertEquals(id, events.get(0).path("result").asText());
        assertEquals(false, events.get(events.size() - 1).path("last").asBoolean());
    }

    @Test
    void aResultWithNothingPendingGetsOneLastEventAndTheStreamEnds() throws Exception {
        String id = Api.client().contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\", \"input\": " + RESTED + "}")
                .post("/v1/inferences").then().statusCode(201).extract().path("id");
        HttpResponse<Stream<String>> stream = awaitOpen(id);
        List<String> data;
        try (Stream<String> lines = stream.body()) {
            data = lines.filter(line -> line.startsWith("data:")).toList(); // returns only because the stream ends
        }
        assertEquals(1, data.size(), data.toString());
        JsonNode event = JSON.readTree(data.get(0).substring("data:".length()));
        assertTrue(event.path("last").asBoolean());
        assertTrue(event.path("proof").isMissingNode());

        assertEquals(404, open(id, Api.OTHER_CLIENT_KEY).statusCode(), "another client's result is not found");
        assertEquals(401, open(id, "").statusCode());
    }

    /**
     * Streams wait for the database's change notifications instead of polling: twenty open streams on results that
     * stay as they are read nothing in two seconds (polling every 250 ms, they made 160 reads), and a change still
     * reaches them (the other tests).
     */
    @Test
    void idleStreamsReadNothing() throws Exception {
        String id = ProofApiTest.requestProof(TIRED);
        Proofs.awaitStatus(id, ProofApiTest.FIRST_PROOF, "proven");
        List<Stream<String>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Stream<String> lines = awaitOpen(id).body();
                open.add(lines);
                assertTrue(lines.filter(line -> line.startsWith("data:")).findFirst().orElseThrow().contains("\"proven\""));
            }
            double before = statusReads();
            Thread.sleep(2000);
            assertEquals(before, statusReads(), "reads while twenty streams stayed open on an unchanged result");
        } finally {
            open.forEach(Stream::close);
        }
    }

    private static double statusReads() {
        return Api.client().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("veriscore_events_status_reads_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Opens the stream once a place is free: a stream another test closed is released asynchronously. */
    private HttpResponse<Stream<String>> awaitOpen(String id) throws Exception {
        return awaitOpen(base, id);
    }

    public static HttpResponse<Stream<String>> awaitOpen(URI base, String id) throws Exception {
        for (int i = 0; i < 100; i++) {
            HttpResponse<Stream<String>> stream = open(base, id, Api.CLIENT_KEY);
            if (stream.statusCode() == 200) {
                return stream;
            }
            stream.body().close();
            Thread.sleep(100);
        }
        throw new AssertionError("no stream place was freed within 10 s");
    }

    private HttpResponse<Stream<String>> open(String id, String key) throws Exception {
        return open(base, id, key);
    }

    public static HttpResponse<Stream<String>> open(URI base, String id, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/inferences/" + id + "/events"))
                .timeout(Duration.ofMinutes(3)).header("Accept", "text/event-stream");
        if (!key.isEmpty()) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }
}

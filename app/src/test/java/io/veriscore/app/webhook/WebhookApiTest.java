package io.veriscore.app.webhook;

import static io.veriscore.app.testing.Inputs.RESTED;
import static io.veriscore.app.testing.Inputs.TIRED;
import static io.veriscore.app.testing.Inputs.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.proof.ProofApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Proofs;
import io.veriscore.app.testing.WebhookReceiver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against receivers this test starts on loopback: a receiver that is down when the proof ends gets the
 * event once it is up, signed and with the same event id; one that never comes up is given up on after the attempts.
 */
@QuarkusTest
public class WebhookApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aProofsEndReachesAReceiverThatWasDownSignedAndOnce() throws Exception {
        int port = WebhookReceiver.freePort();
        JsonPath registered = register(WebhookReceiver.url(port)).statusCode(201)
                .header("Location", containsString("/v1/webhooks/"))
                .body("secret", startsWith("whsec_")).extract().jsonPath();
        String webhook = registered.getString("id");
        String secret = registered.getString("secret");
        Api.client().get("/v1/webhooks/{id}", webhook).then().statusCode(200).body("secret", nullValue());
        Api.otherClient().get("/v1/webhooks/{id}", webhook).then().statusCode(404);
        String neverUp = register(WebhookReceiver.url(WebhookReceiver.freePort())).statusCode(201).extract().path("id");

        String result = ProofApiTest.requestProof(TIRED);
        JsonPath proof = Proofs.awaitStatus(result, ProofApiTest.FIRST_PROOF, "proven", "failed");
        assertEquals("proven", proof.getString("status"));

        // Down: attempts fail and are retried.
        JsonPath pending = awaitDelivery(webhook, result, d -> d.getInt("mine.attempts") >= 2);
        assertEquals("pending", pending.getString("mine.status"));
        assertEquals("proof.proven", pending.getString("mine.type"));

        try (WebhookReceiver receiver = WebhookReceiver.on(port)) {
            List<WebhookReceiver.Received> received = receiver.received();
            JsonPath delivered = awaitDelivery(webhook, result, d -> "delivered".equals(d.getString("mine.status")));
            assertEquals(204, delivered.getInt("mine.lastStatus"));
            assertEquals(1, received.size(), "a delivered event is not sent again");
            WebhookReceiver.Received event = received.get(0);
            JsonNode body = JSON.readTree(event.body());

            String[] signature = event.header("Veriscore-Signature").split(",");
            long timestamp = Long.parseLong(signature[0].substring("t=".length()));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 300, "a fresh timestamp");
            assertEquals("v1=" + WebhookSender.signature(secret, timestamp, event.body()), signature[1]);
            assertTrue(!("v1=" + WebhookSender.signature("whsec_other", timestamp, event.body())).equals(signature[1]));

            assertEquals(delivered.getString("mine.id"), event.header("Veriscore-Event-Id"));
            assertEquals(event.header("Veriscore-Event-Id"), body.path("id").asText());
            assertEquals("proof.proven", event.header("Veriscore-Event-Type"));
            assertEquals(result, body.path("result").asText());
            assertEquals(proof.getString("statement.inputCommitment"), body.path("record").path("inputCommitment").asText());

            // The event carries the very record the transparency log signed for the proof.
            JsonNode entries = JSON.readTree(Api.auditor().get("/v1/audit/records/{id}", result).then().statusCode(200)
                    .extract().asString()).path("entries");
            JsonNode signed = null;
            for (JsonNode entry : entries) {
                if (entry.path("id").asText().equals(body.path("logEntryId").asText())) {
                    signed = entry.path("body");
                }
            }
            assertEquals(signed, body.path("record"));
        }

        JsonPath givenUp = awaitDelivery(neverUp, result, d -> "failed".equals(d.getString("mine.status")));
        assertEquals(6, givenUp.getInt("mine.attempts"));
        assertEquals("unreachable: no answer from the target", givenUp.getString("mine.lastError"), "no network details");
        Api.client().delete("/v1/webhooks/{id}", webhook).then().statusCode(204);
        Api.client().delete("/v1/webhooks/{id}", neverUp).then().statusCode(204);
    }

    /**
     * One client's silent receivers (each attempt holds a sender until its 10 s timeout) do not hold another client's
     * deliveries behind them: deliveries go by each client's rank, so the other's comes next.
     */
    @Test
    void anotherClientsSilentReceiversDoNotHoldADeliveryBack() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<String> theirs = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) { // connections are taken by the kernel and never answered
                theirs.add(Api.otherClient().contentType(ContentType.JSON).body(Map.of("url", WebhookReceiver.url(silent.getLocalPort())))
                        .post("/v1/webhooks").then().statusCode(201).extract().path("id"));
            }
            for (String input : List.of(TIRED, RESTED, TIRED)) {
                String id = Api.otherClient().contentType(ContentType.JSON).body(ProofApiTest.proveOne(input)).post("/v1/inferences")
                        .then().statusCode(202).extract().path("id");
                long deadline = System.nanoTime() + ProofApiTest.FIRST_PROOF.toNanos();
                while (!"proven".equals(Api.otherClient().get("/v1/inferences/{id}/proof", id).then().extract().path("status"))) {
                    assertTrue(System.nanoTime() < deadline);
                    Thread.sleep(100);
                }
            }
            int port = WebhookReceiver.freePort();
            try (WebhookReceiver receiver = WebhookReceiver.on(port)) {
                String mine = register(WebhookReceiver.url(port)).statusCode(201).extract().path("id");
                long started = System.nanoTime();
                String result = ProofApiTest.requestProof(RESTED);
                awaitDelivery(mine, result, d -> "delivered".equals(d.getString("mine.status")));
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                assertTrue(seconds < 15, "delivered in " + seconds + " s behind nine silent deliveries of 10 s attempts");
                assertEquals(1, receiver.received().size(), "the live receiver got its one event");
                Api.client().delete("/v1/webhooks/{id}", mine).then().statusCode(204);
            } finally {
                theirs.forEach(id -> Api.otherClient().delete("/v1/webhooks/{id}", id).then().statusCode(204));
            }
        }
    }

    @Test
    void registrationsAreCheckedAndBelongToTheirClient() {
        problem(register("ftp://example.org/hook"), 422).body("errors[0].pointer", equalTo("/url"));
        problem(register("http://user:pw@example.org/hook"), 422);
        problem(register("not a url"), 422);
        problem(Api.client().contentType(ContentType.JSON).body("{}").post("/v1/webhooks").then(), 400)
                .body("detail", containsString("'url' is required"));
        String id = register("https://hooks.example.org/veriscore").statusCode(201).extract().path("id");
        Api.client().get("/v1/webhooks").then().statusCode(200).body("items.find { it.id == '" + id + "' }.url",
                equalTo("https://hooks.example.org/veriscore"));
        Api.otherClient().get("/v1/webhooks").then().statusCode(200).body("items.findAll { it.id == '" + id + "' }", hasSize(0));
        Api.otherClient().delete("/v1/webhooks/{id}", id).then().statusCode(404);
        Api.auditor().get("/v1/webhooks").then().statusCode(403);
        Api.client().delete("/v1/webhooks/{id}", id).then().statusCode(204);
        Api.client().get("/v1/webhooks/{id}", id).then().statusCode(404);
    }

    public static io.restassured.response.ValidatableResponse register(String url) {
        return Api.client().contentType(ContentType.JSON).body(Map.of("url", url)).post("/v1/webhooks").then();
    }

    /** Polls the webhook's deliveries until the one about {@code result} (at path {@code mine}) is {@code done}. */
    public static JsonPath awaitDelivery(String webhook, String result, Predicate<JsonPath> done) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = Api.client().get("/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).extract().asString();
            for (JsonNode item : JSON.readTree(last).path("items")) {
                if (item.path("result").asText().equals(result)) {
                    JsonPath mine = JsonPath.from(JSON.writeValueAsString(Map.of("mine", item)));
                    if (done.test(mine)) {
                        return mine;
                    }
                }
            }
            Proofs.sleep(100);
        }
        return fail("deliveries of " + webhook + " after 60 s: " + last);
    }
}

package io.veriscore.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.inference.FaceScanApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Frames over the session's WebSocket: answered in order, the same readings as over HTTP, refusals as problems. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class FrameStreamTest {

    @TestHTTPResource("/")
    URI base;

    @jakarta.inject.Inject
    io.vertx.core.Vertx vertx;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void framesAreAnsweredInOrderWithTheSameReadingsAsOverHttp() throws Exception {
        String session = SessionApiTest.open();
        Answers answers = new Answers();
        WebSocket socket = connect(session, List.of("veriscore.v1", Api.CLIENT_KEY), answers).join();
        assertEquals("veriscore.v1", socket.getSubprotocol());
        List<String> files = List.of("s3-left.jpg", "astronaut.jpg", "s1-middle.jpg");
        for (int i = 0; i < files.size(); i++) { // all sent at once: the stream keeps their order
            socket.sendText(frame(files.get(i), i), true).join();
        }
        socket.sendText("not json", true).join();
        for (int i = 0; i < files.size(); i++) {
            JsonPath answer = answers.next();
            assertEquals(i + 1, answer.getInt("seq"));
            assertEquals(i + 1, answer.getInt("aggregates.frames"));
            assertTrue(answer.getMap("face").containsKey("box"), "the face's box comes with the frame");
            assertEquals(468, answer.getList("landmarks").size(), "and its landmarks");
        }
        JsonPath refused = answers.next();
        assertEquals(400, refused.getInt("problem.status"));
        assertTrue(refused.getString("problem.detail").startsWith("a frame is {\"image\""), refused.getString("problem.detail"));
        socket.sendText("{\"image\": \"" + java.util.Base64.getEncoder().encodeToString("not an image".getBytes()) + "\"}", true).join();
        assertEquals(422, answers.next().getInt("problem.status"), "an image that is no picture is refused, the stream goes on");

        JsonPath overHttp = SessionApiTest.frame(session, "astronaut.jpg", 10);
        socket.sendText(frame("astronaut.jpg", 12), true).join();
        JsonPath overSocket = answers.next();
        assertEquals(overHttp.getDouble("stress"), overSocket.getDouble("stress"), 1e-4);
        assertEquals(overHttp.getString("emotion.label"), overSocket.getString("emotion.label"));
        assertEquals(overHttp.getInt("seq") + 1, overSocket.getInt("seq"), "both reach the same session");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void aStreamBoundsWhatItHolds() throws Exception {
        String session = SessionApiTest.open();
        Answers answers = new Answers();
        WebSocket socket = connect(session, List.of("veriscore.v1", Api.CLIENT_KEY), answers).join();
        for (int i = 0; i < 10; i++) { // far faster than frames are read: past the 4 waiting, frames are dropped
            socket.sendText(frame("s3-left.jpg", i), true).join();
        }
        List<Integer> stored = new java.util.ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < 10; i++) {
            JsonPath answer = answers.next();
            if (answer.get("problem") != null) {
                assertEquals(503, answer.getInt("problem.status"));
                assertTrue(answer.getString("problem.detail").contains("dropped"), answer.getString("problem.detail"));
                dropped++;
            } else {
                stored.add(answer.getInt("seq"));
            }
        }
        assertTrue(dropped > 0, "some frames were dropped");
        assertEquals(java.util.stream.IntStream.rangeClosed(1, stored.size()).boxed().toList(), stored, "the others stored in order");
        socket.sendText("x".repeat(3 * 1024 * 1024), true);
        assertEquals(1009, answers.closed.get(30, TimeUnit.SECONDS), "a message over 2 MiB closes the stream: too big");
    }

    /**
     * A browser sends a message as one WebSocket frame: one of 145 KiB (over Vert.x's default limit of 64 KiB, which
     * closed the connection with no answer) is answered. Sent by Vert.x's client, as one frame (the JDK's client splits it).
     */
    @Test
    void aMessageOfOver64KiBInOneWebSocketFrameIsAnswered() throws Exception {
        String session = SessionApiTest.open();
        String frame = frame("astronaut.jpg", 0);
        String padded = frame.substring(0, frame.length() - 1) + " ".repeat(145 * 1024) + "}"; // JSON whitespace
        var options = new io.vertx.core.http.WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI("/v1/sessions/" + session + "/stream").setSubProtocols(List.of("veriscore.v1", Api.CLIENT_KEY));
        var client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setMaxFrameSize(4 << 20));
        try {
            var socket = client.connect(options).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            var answer = new java.util.concurrent.CompletableFuture<String>();
            var closed = new java.util.concurrent.CompletableFuture<Short>();
            socket.textMessageHandler(answer::complete);
            socket.closeHandler(ignored -> {
                closed.complete(socket.closeStatusCode());
                answer.completeExceptionally(new AssertionError("the stream closed with " + socket.closeStatusCode() + " and no answer"));
            });
            socket.writeFrame(io.vertx.core.http.WebSocketFrame.textFrame(padded, true));
            JsonPath answered = JsonPath.from(answer.get(30, TimeUnit.SECONDS));
            assertEquals(1, answered.getInt("seq"), answered.prettify());
            assertFalse(closed.isDone(), "the stream stays open");
            socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    @Test
    void anUpgradeWithoutAClientKeyOrForAnotherClientsSessionIsRefused() throws Exception {
        String session = SessionApiTest.open();
        assertEquals(401, refusal(session, List.of("veriscore.v1", "vsk_nobody")));
        assertEquals(401, refusal(session, List.of("veriscore.v1")));
        assertEquals(403, refusal(session, List.of("veriscore.v1", Api.AUDITOR_KEY)));
        assertEquals(404, refusal(session, List.of("veriscore.v1", Api.OTHER_CLIENT_KEY)));
        assertEquals(404, refusal("not-a-uuid", List.of("veriscore.v1", Api.CLIENT_KEY)));
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(base.resolve("/v1/sessions/" + session + "/stream")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, plain.statusCode(), "a plain GET is told to connect a WebSocket");
        assertEquals("application/problem+json", plain.headers().firstValue("Content-Type").orElseThrow());
    }

    private int refusal(String session, List<String> protocols) {
        CompletionException failed = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> connect(session, protocols, new Answers()).join());
        return assertInstanceOf(WebSocketHandshakeException.class, failed.getCause()).getResponse().statusCode();
    }

    private java.util.concurrent.CompletableFuture<WebSocket> connect(String session, List<String> protocols, Answers answers) {
        return connect(http, base, session, protocols, answers);
    }

    public static java.util.concurrent.CompletableFuture<WebSocket> connect(HttpClient http, URI base, String session, List<String> protocols,
            Answers answers) {
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/sessions/" + session + "/stream");
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        builder = protocols.size() == 1 ? builder.subprotocols(protocols.get(0))
                : builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        return builder.buildAsync(uri, answers);
    }

    public static String frame(String file, int second) {
        return "{\"image\": \"" + FaceScanApiTest.image(file) + "\", \"capturedAt\": \"" + SessionApiTest.START.plusSeconds(second) + "\"}";
    }

    /** The stream's answers, one message each. */
    public static final class Answers implements WebSocket.Listener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        public final java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        public JsonPath next() throws InterruptedException {
            String message = received.poll(30, TimeUnit.SECONDS);
            assertFalse(message == null, "an answer within 30 s");
            return JsonPath.from(message);
        }
    }
}

package io.veriscore.app.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.veriscore.app.auth.Caller;
import io.veriscore.app.auth.ApiKeyMechanism;
import io.veriscore.app.auth.Role;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.Kind;
import io.veriscore.app.face.ImageInputs;
import io.veriscore.app.face.Images;
import io.veriscore.app.web.Problem;
import io.veriscore.app.web.Problems;
import io.veriscore.app.web.StreamPlaces;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * A face session over a WebSocket ({@code GET /v1/sessions/{id}/stream}): each text message is a frame as
 * {@code POST /v1/sessions/{id}/frames} takes it, answered in order by its {@link FrameView} or, for a frame that
 * fails, by {@code {"problem": ...}}. A browser cannot set headers on a WebSocket, so the key comes as the second
 * of the offered subprotocols: {@code new WebSocket(url, ["veriscore.v1", key])}; the service answers with
 * {@code veriscore.v1}. At most {@code max-streams} streams per instance (503 beyond), {@code max-streams-per-client} per
 * client (429 beyond) and {@code max-frames-in-flight} frames waiting per stream: a frame beyond that is answered by a
 * problem without being read. A stream with no message for {@code stream-idle-timeout} is closed (1001).
 */
@ApplicationScoped
public class FrameStream implements HttpServerOptionsCustomizer {

    public static final String PROTOCOL = ApiKeyMechanism.WEBSOCKET_PROTOCOL;
    private static final Logger LOG = Logger.getLogger(FrameStream.class);

    private final SessionService sessions;
    private final ObjectMapper mapper;
    private final SessionConfig config;
    private final Vertx vertx;
    private final StreamPlaces places;

    FrameStream(SessionService sessions, ObjectMapper mapper, SessionConfig config, Vertx vertx) {
        this.sessions = sessions;
        this.mapper = mapper;
        this.config = config;
        this.vertx = vertx;
        this.places = new StreamPlaces("frame streams", config.maxStreams(), config.maxStreamsPerClient());
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        // Vert.x closes the connection on any WebSocket frame over 64 KiB by default; a browser sends a message as one.
        options.setWebSocketSubProtocols(List.of(PROTOCOL)).setMaxWebSocketFrameSize(config.maxMessageBytes())
                .setMaxWebSocketMessageSize(config.maxMessageBytes());
    }

    void install(@Observes Router router) {
        router.get("/v1/sessions/:id/stream").handler(this::upgrade);
    }

    private void upgrade(RoutingContext context) {
        if (!"websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE))) {
            refuse(context, new VeriscoreException(Kind.INVALID_REQUEST, "this is a WebSocket: connect with"
                    + " new WebSocket(url, [\"" + PROTOCOL + "\", key])", List.of()));
            return;
        }
        context.request().pause();
        Context loop = vertx.getOrCreateContext();
        // The key is checked by Quarkus Security, as on every endpoint (ApiKeyMechanism reads it from the subprotocols).
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(
                identity -> loop.runOnContext(ignored -> upgrade(context, Caller.of(identity))),
                failure -> loop.runOnContext(ignored -> upgrade(context, Optional.empty())));
    }

    private void upgrade(RoutingContext context, Optional<Caller> caller) {
        String path = context.request().path();
        if (caller.isEmpty() || caller.get().role() != Role.CLIENT) {
            context.request().resume();
            refuse(context, caller.isEmpty()
                    ? new VeriscoreException(Kind.UNAUTHORIZED, "offer the subprotocols [\"" + PROTOCOL + "\", <client key>]", List.of())
                    : new VeriscoreException(Kind.FORBIDDEN, "only a client streams frames", List.of()));
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(context.pathParam("id"));
        } catch (IllegalArgumentException e) {
            context.request().resume();
            refuse(context, VeriscoreException.notFound("no session with id " + context.pathParam("id")));
            return;
        }
        vertx.<FaceSession>executeBlocking(() -> sessions.get(id, caller.get()), false).onComplete(found -> {
            if (found.failed()) {
                context.request().resume();
                refuse(context, found.cause() instanceof VeriscoreException e ? e : unavailable());
            } else if (!places.take(caller.get().name())) {
                context.request().resume();
                refuse(context, places.refusal(caller.get().name()));
            } else {
                context.request().toWebSocket().onSuccess(socket -> serve(socket, found.result(), caller.get().name()))
                        .onFailure(e -> {
                            places.free(caller.get().name());
                            LOG.debugf("a frame stream's upgrade failed on %s: %s", path, e.getMessage());
                        });
            }
        });
    }

    private void serve(ServerWebSocket socket, FaceSession session, String client) {
        AtomicInteger waiting = new AtomicInteger();
        AtomicReference<Future<?>> previous = new AtomicReference<>(Future.succeededFuture());
        long idleMillis = config.streamIdleTimeout().toMillis();
        AtomicLong lastMessage = new AtomicLong(System.nanoTime());
        long idleCheck = vertx.setPeriodic(Math.max(1, idleMillis / 4), timer -> {
            if (waiting.get() == 0 && System.nanoTime() - lastMessage.get() > idleMillis * 1_000_000) {
                socket.close((short) 1001, "no frame for " + config.streamIdleTimeout().toSeconds() + " s: closed to free its place");
            }
        });
        socket.closeHandler(ignored -> {
            vertx.cancelTimer(idleCheck);
            places.free(client);
        });
        messages(socket, text -> {
            lastMessage.set(System.nanoTime());
            if (waiting.incrementAndGet() > config.maxFramesInFlight()) {
                waiting.decrementAndGet();
                send(socket, problem(VeriscoreException.unavailable("more than " + config.maxFramesInFlight()
                        + " frames are waiting on this stream: this one was dropped", 1)));
                return;
            }
            // Frames are read side by side, then stored and answered one after the other, in the order they came.
            Future<SessionService.ReadFrame> read = vertx.executeBlocking(() -> sessions.read(image(text)), false);
            Future<Object> answered = previous.get().transform(ignored -> read)
                    .compose(frame -> vertx.<Object>executeBlocking(() -> FrameView.of(sessions.store(session, frame)), false))
                    .recover(failure -> vertx.executeBlocking(() -> {
                        missed(session, failure);
                        return problem(failure);
                    }, false));
            previous.set(answered.onComplete(answer -> {
                waiting.decrementAndGet();
                send(socket, answer.result());
            }));
        });
    }

    /**
     * Hands each text message to {@code handler}; a message over {@code max-message-bytes} closes the stream with 1009
     * (too big), a binary one with 1003 (Vert.x's own aggregation would drop an oversized message without a word).
     */
    private void messages(ServerWebSocket socket, Handler<String> handler) {
        AtomicReference<Buffer> message = new AtomicReference<>(Buffer.buffer());
        socket.frameHandler(frame -> {
            if (frame.isBinary()) {
                socket.close((short) 1003, "frames are text: JSON {image, capturedAt}");
            } else if (frame.isText() || frame.isContinuation()) {
                if (message.get().length() + frame.binaryData().length() > config.maxMessageBytes()) {
                    message.set(Buffer.buffer());
                    socket.close((short) 1009, "a frame's message is at most " + config.maxMessageBytes() + " bytes");
                } else if (frame.isFinal()) {
                    handler.handle(message.getAndSet(Buffer.buffer()).appendBuffer(frame.binaryData()).toString(StandardCharsets.UTF_8));
                } else {
                    message.get().appendBuffer(frame.binaryData());
                }
            }
        });
    }

    private ImageInputs.Image image(String text) {
        SessionResource.FrameRequest request = read(text);
        return Images.of(request.image(), request.capturedAt());
    }

    /** Counts a refused frame for the focus score, in the frames' order as stored frames are; never fails the answer. */
    private void missed(FaceSession session, Throwable failure) {
        try {
            sessions.missed(session, failure);
        } catch (RuntimeException e) {
            LOG.warn("a refused frame could not be counted for the session's focus", e);
        }
    }

    /** A failed frame's answer: the problem it was refused with, or 503 for anything unexpected. */
    private static Failed problem(Throwable failure) {
        if (failure instanceof VeriscoreException e) {
            return problem(e);
        }
        LOG.error("a streamed frame failed", failure);
        return problem(unavailable());
    }

    private SessionResource.FrameRequest read(String text) {
        try {
            SessionResource.FrameRequest request = mapper.readValue(text, SessionResource.FrameRequest.class);
            if (request == null || request.image() == null) {
                throw VeriscoreException.invalidRequest(SessionResource.FRAME);
            }
            return request;
        } catch (JsonProcessingException e) {
            throw VeriscoreException.invalidRequest(SessionResource.FRAME + "; this message is not one: "
                    + e.getOriginalMessage());
        }
    }

    private void send(ServerWebSocket socket, Object answer) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(Json.encode(answer));
        }
    }

    private static VeriscoreException unavailable() {
        return VeriscoreException.unavailable("the frame could not be processed; send it again", 1);
    }

    /** A failure as the frame's answer: {@code {"problem": ...}}. */
    public record Failed(Problem problem) {}

    private static Failed problem(VeriscoreException e) {
        return new Failed(Problems.of(e, null));
    }

    /** Answers a refused upgrade, unless Quarkus Security already has (an unknown key: its 401 challenge). */
    private static void refuse(RoutingContext context, VeriscoreException e) {
        if (!context.response().headWritten()) {
            Problems.send(context, e, false);
        }
    }
}

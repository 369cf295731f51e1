package io.veriscore.app.web;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.Kind;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Every RFC 9457 answer is built here, whichever layer gives it: a resource (through {@link ProblemMapper}), a route
 * that answers before any resource (the body limit, the deadline, the rate limit, router failures) or a WebSocket frame.
 */
public final class Problems {

    private Problems() {}

    /** The problem {@code e} stands for; {@code instance} is the request's raw path, or null (a frame). */
    public static Problem of(VeriscoreException e, String instance) {
        return new Problem(e.kind().type(), e.kind().title, e.kind().status, e.getMessage(), instance, e.errors());
    }

    /**
     * Answers the route with {@code e}'s problem and the headers it calls for (Retry-After, the bearer challenge);
     * {@code close} closes the connection after it (a body that was not read, a request that was abandoned).
     */
    public static void send(RoutingContext context, VeriscoreException e, boolean close) {
        var response = context.response().setStatusCode(e.kind().status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        e.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", String.valueOf(seconds)));
        if (e.kind() == Kind.UNAUTHORIZED) {
            response.putHeader("WWW-Authenticate", Problem.BEARER_CHALLENGE);
        }
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(Json.encode(of(e, context.request().path())));
    }

    /** Answers the route with a plain {@code status} (one no domain failure stands for), and closes the connection. */
    public static void send(RoutingContext context, int status, String detail) {
        Problem problem = new Problem("about:blank", HttpResponseStatus.valueOf(status).reasonPhrase(), status, detail,
                context.request().path(), List.of());
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(Json.encode(problem));
    }
}

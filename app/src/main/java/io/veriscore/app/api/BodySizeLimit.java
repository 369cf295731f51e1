package io.veriscore.app.api;

import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.app.error.VeriscoreException.Kind;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Answers an over-long body with a 413 problem before it is read. (Vert.x's own limit,
 * {@code quarkus.http.limits.max-body-size}, stays as the backstop for bodies without a length.)
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;

    BodySizeLimit(VeriscoreConfig config) {
        this.maxBytes = config.inference().maxBodyBytes();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                Kind kind = Kind.TOO_LARGE;
                Problem problem = new Problem(kind.type(), kind.title, kind.status,
                        "the request body has " + length + " bytes; at most " + maxBytes + " are accepted",
                        context.request().path(), List.of());
                context.response().setStatusCode(kind.status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(Json.encode(problem));
                return;
            }
            context.next();
        });
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself
        }
    }
}

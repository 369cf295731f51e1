package io.veriscore.app.web;

import io.veriscore.app.error.VeriscoreException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an over-long body with a 413 problem: at once when its Content-Length says so, as soon as the limit is passed
 * when it comes chunked. ({@code quarkus.http.limits.max-body-size} stays as the backstop.)
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;

    private final String uploads;

    BodySizeLimit(HttpConfig http, @ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploads) {
        this.maxBytes = http.maxBodyBytes();
        this.uploads = uploads;
    }

    void install(@Observes Router router) {
        // A body without Content-Length (chunked) is read here, up to the limit, so that one too long fails with a
        // status that RouterFailures answers as a problem; the resources then read the buffered body.
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBytes).setHandleFileUploads(false);
        BodyHandler chunkedForm = BodyHandler.create(uploads).setBodyLimit(maxBytes).setDeleteUploadedFilesOnEnd(true);
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
                (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/") ? chunkedForm : chunked).handle(context);
                return;
            }
            if (length != null && tooLong(length)) {
                Problems.send(context, VeriscoreException.tooLarge("the request body has " + length + " bytes; at most "
                        + maxBytes + " are accepted"), true);
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

package io.veriscore.app.web;

import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.Kind;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Failures that end a request before it reaches a resource (a body over {@code quarkus.http.limits.max-body-size}
 * sent without Content-Length, a form the body handler cannot read) are answered as problems too, not as an empty
 * status line. Anything with an exception is left to the resources' mapping and Quarkus.
 */
@Singleton
public class RouterFailures {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            int status = context.failure() instanceof HttpException http ? http.getStatusCode()
                    : context.failure() == null ? context.statusCode() : -1;
            if (status < 400 || status >= 500 || context.response().headWritten() || context.response().ended()) {
                context.next();
                return;
            }
            String detail = switch (status) {
                case 413 -> "the request body is larger than the service accepts";
                case 415 -> "the request body's content type is not accepted here";
                default -> "the request cannot be read";
            };
            if (status == Kind.TOO_LARGE.status) {
                Problems.send(context, VeriscoreException.tooLarge(detail), true);
            } else {
                Problems.send(context, status, detail);
            }
        });
    }
}

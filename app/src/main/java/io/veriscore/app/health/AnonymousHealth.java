package io.veriscore.app.health;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.veriscore.app.auth.Credentials;
import io.veriscore.app.web.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Function;

/**
 * What the operator endpoints tell a caller without a valid key: the health endpoints answer up or down only (with
 * their status codes, for probes), since their checks name the chain's RPC URL and the errors met; the checks need a
 * key, and so do the metrics (401).
 */
@ApplicationScoped
public class AnonymousHealth {

    private final Credentials credentials;
    private final SmallRyeHealthReporter reporter;
    private final Vertx vertx;

    AnonymousHealth(Credentials credentials, SmallRyeHealthReporter reporter, Vertx vertx) {
        this.credentials = credentials;
        this.reporter = reporter;
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        router.get("/q/health").order(-100).handler(context -> health(context, SmallRyeHealthReporter::getHealth));
        router.get("/q/health/live").order(-100).handler(context -> health(context, SmallRyeHealthReporter::getLiveness));
        router.get("/q/health/ready").order(-100).handler(context -> health(context, SmallRyeHealthReporter::getReadiness));
        router.get("/q/health/started").order(-100).handler(context -> health(context, SmallRyeHealthReporter::getStartup));
        router.get("/q/health/well").order(-100).handler(context -> health(context, SmallRyeHealthReporter::getWellness));
        router.get("/q/metrics").order(-100).handler(this::metrics);
    }

    private void health(RoutingContext context, Function<SmallRyeHealthReporter, SmallRyeHealth> which) {
        if (keyed(context)) {
            context.next();
            return;
        }
        vertx.executeBlocking(() -> which.apply(reporter).isDown(), false).onComplete(down -> {
            boolean up = down.succeeded() && !down.result();
            context.response().setStatusCode(up ? 200 : 503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
        });
    }

    private void metrics(RoutingContext context) {
        if (keyed(context)) {
            context.next();
            return;
        }
        context.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                .putHeader("WWW-Authenticate", Problem.BEARER_CHALLENGE).end("the metrics need a key: Authorization: Bearer <key>\n");
    }

    private boolean keyed(RoutingContext context) {
        return credentials.fromAuthorization(context.request().getHeader(HttpHeaders.AUTHORIZATION)).isPresent();
    }
}

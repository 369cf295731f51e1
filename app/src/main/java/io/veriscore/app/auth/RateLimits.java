package io.veriscore.app.auth;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.web.Problems;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Per-key rate limits on the API ({@code /v1/*}): a token bucket per credential, {@code requests-per-minute} at once
 * and refilled over the minute (Bucket4j), kept in PostgreSQL so that the limit holds across instances. Each instance
 * takes up to a twentieth of a bucket between synchronisations (Bucket4j's delaying optimisation), so that a request
 * rarely waits on the database. Over the limit: 429 with {@code Retry-After}; every limited answer carries
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}. Requests without a valid key are
 * left to authentication; if the buckets cannot be read, the request goes on (it meets the database itself).
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final ProxyManager<String> buckets;
    private final Credentials credentials;
    private final AuthConfig config;
    private final Vertx vertx;
    private final Map<String, BucketProxy> byKey = new ConcurrentHashMap<>();

    RateLimits(DataSource dataSource, Credentials credentials, AuthConfig config, Vertx vertx) {
        this.buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").build();
        this.credentials = credentials;
        this.config = config;
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(-50).handler(this::limit);
    }

    private void limit(RoutingContext context) {
        Optional<Caller> caller = credentials.fromAuthorization(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        int perMinute = caller.map(this::perMinute).orElse(0);
        if (perMinute <= 0) {
            context.next();
            return;
        }
        context.request().pause();
        vertx.executeBlocking(() -> bucket(caller.get().name(), perMinute).tryConsumeAndReturnRemaining(1), false).onComplete(probe -> {
            context.request().resume();
            if (probe.failed()) {
                LOG.warnf("Rate limit of %s not checked: %s", caller.get().name(), probe.cause().getMessage());
                context.next();
                return;
            }
            ConsumptionProbe consumption = probe.result();
            long resetSeconds = seconds(consumption.getNanosToWaitForReset());
            context.response().putHeader("RateLimit-Limit", String.valueOf(perMinute))
                    .putHeader("RateLimit-Remaining", String.valueOf(consumption.getRemainingTokens()))
                    .putHeader("RateLimit-Reset", String.valueOf(resetSeconds));
            if (consumption.isConsumed()) {
                context.next();
            } else {
                refuse(context, perMinute, Math.max(1, seconds(consumption.getNanosToWaitForRefill())));
            }
        });
    }

    private int perMinute(Caller caller) {
        AuthConfig.Credential own = config.credentials().get(caller.name());
        return own != null && own.requestsPerMinute().isPresent() ? own.requestsPerMinute().getAsInt() : config.requestsPerMinute();
    }

    private BucketProxy bucket(String key, int perMinute) {
        return byKey.computeIfAbsent(key + "/" + perMinute, ignored -> buckets.builder()
                .withOptimization(Optimizations.delaying(new DelayParameters(Math.max(1, perMinute / 20), Duration.ofMillis(500))))
                .build("key:" + key, () -> BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, WINDOW)).build()));
    }

    private static void refuse(RoutingContext context, int perMinute, long retryAfter) {
        Problems.send(context, VeriscoreException.tooManyRequests("this key may make " + perMinute
                + " requests a minute; try again in " + retryAfter + " s", (int) retryAfter), false);
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}

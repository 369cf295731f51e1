package io.veriscore.app.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veriscore.app.error.VeriscoreException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every request gets an overall deadline ({@code veriscore.http.deadline}): past it the client is answered 503 and the
 * worker thread that still holds the request is interrupted, with its stack logged, so no bug can hold a worker for
 * ever unnoticed. Whether the abandoned request took effect is unknown; an Idempotency-Key makes the retry safe.
 */
@ApplicationScoped
public class RequestDeadline {

    private static final Logger LOG = Logger.getLogger(RequestDeadline.class);
    private static final String WORKER = RequestDeadline.class.getName() + ".worker";
    private static final int RETRY_AFTER_SECONDS = 5;

    private final Duration deadline;
    private final Duration auditDeadline;
    private final Counter expired;

    RequestDeadline(HttpConfig httpConfig, MeterRegistry meters) {
        this.deadline = httpConfig.deadline();
        this.auditDeadline = httpConfig.auditDeadline();
        this.expired = Counter.builder("veriscore.http.deadline.expired")
                .description("Requests answered 503 because they ran past their deadline").register(meters);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            AtomicReference<Thread> worker = new AtomicReference<>();
            context.put(WORKER, worker);
            Duration limit = context.request().path().startsWith("/v1/audit/verify") ? auditDeadline : deadline;
            long timer = context.vertx().setTimer(limit.toMillis(), id -> expire(context, worker, limit));
            context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
            context.next();
        });
    }

    /** Runs on the worker thread of a blocking resource method: that is the thread the deadline interrupts. */
    @ServerRequestFilter
    public void holdWorker(RoutingContext context) {
        AtomicReference<Thread> worker = context.get(WORKER);
        if (worker != null) {
            worker.set(Thread.currentThread());
        }
    }

    @ServerResponseFilter
    public void releaseWorker(RoutingContext context) {
        AtomicReference<Thread> worker = context.get(WORKER);
        if (worker != null) {
            worker.set(null);
        }
    }

    private static String readable(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    private void expire(RoutingContext context, AtomicReference<Thread> worker, Duration limit) {
        if (context.response().headWritten() || context.response().ended()) {
            return; // a stream that has begun (the export) is left to finish
        }
        expired.increment();
        Thread thread = worker.getAndSet(null);
        if (thread != null) {
            String stack = Arrays.stream(thread.getStackTrace()).limit(40).map(frame -> "\tat " + frame)
                    .collect(Collectors.joining("\n"));
            LOG.warnf("%s %s ran past its deadline of %s; interrupting %s:%n%s", context.request().method(),
                    context.request().path(), limit, thread.getName(), stack);
            thread.interrupt();
        } else {
            LOG.warnf("%s %s ran past its deadline of %s", context.request().method(), context.request().path(), limit);
        }
        Problems.send(context, VeriscoreException.unavailable("the request did not finish within " + readable(limit)
                + " and was abandoned; whether it took effect is unknown: retry it with the same Idempotency-Key",
                RETRY_AFTER_SECONDS), true);
    }
}

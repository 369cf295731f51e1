package io.veriscore.app.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.log.LogEntry;
import io.veriscore.app.log.TransparencyLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Group commit for the write path: one writer thread runs the stores of all requests waiting at that moment in one
 * transaction, so a group costs one commit (one WAL flush) and batched inserts instead of one of each per request: a
 * store hands its results and their signed records to the {@link Group}, which inserts the whole group's rows in three
 * JDBC batches just before the commit (no Hibernate flush on this path).
 * A request is answered only after its group committed: a 201 still means committed. When a group fails, each of its
 * stores runs again alone, in a transaction of its own, so a bad request (a reused Idempotency-Key) fails only itself.
 */
@ApplicationScoped
public class ResultWriter {

    private static final Logger LOG = Logger.getLogger(ResultWriter.class);
    private static final int RETRY_AFTER_SECONDS = 1;

    /**
     * The rows of a group's results and their log entries, inserted together. A store that reads or references them in
     * the transaction (a proof request, an idempotency replay) calls {@link #flush()} first.
     */
    public final class Group {
        private final List<InferenceRecord> results = new ArrayList<>();
        private final List<LogEntry> entries = new ArrayList<>();

        public void add(List<InferenceRecord> stored, List<LogEntry> signed) {
            results.addAll(stored);
            entries.addAll(signed);
        }

        /** Inserts what the group holds so far. */
        public void flush() {
            inferences.insertAll(results, json);
            log.appendAll(entries);
            results.clear();
            entries.clear();
        }
    }

    private final InferenceRepository inferences;
    private final TransparencyLog log;
    private final ObjectMapper json;
    private final BlockingQueue<Write<?>> waiting;
    private final int groupSize;
    private final DistributionSummary groups;
    private volatile Thread writer;

    ResultWriter(InferenceConfig config, MeterRegistry meters, InferenceRepository inferences, TransparencyLog log, ObjectMapper json) {
        this.inferences = inferences;
        this.log = log;
        this.json = json;
        this.waiting = new ArrayBlockingQueue<>(config.writeQueueSize());
        this.groupSize = config.writeGroupSize();
        this.groups = DistributionSummary.builder("veriscore.write.group.size")
                .description("Requests whose results were committed in one transaction").register(meters);
    }

    void start(@Observes StartupEvent started) {
        writer = Thread.ofPlatform().name("result-writer").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        Thread running = writer;
        if (running != null) {
            running.interrupt();
            running.join(10_000);
        }
    }

    /** Runs {@code store} in a transaction shared with other requests' stores; returns once it is committed. */
    public <T> T commit(Function<Group, T> store) {
        Write<T> write = new Write<>(store);
        if (writer == null || !writer.isAlive() || !waiting.offer(write)) {
            throw VeriscoreException.unavailable("the service is not accepting writes right now; nothing was stored, retry",
                    RETRY_AFTER_SECONDS);
        }
        return write.await();
    }

    /** Writes waiting for the writer now. */
    int waiting() {
        return waiting.size();
    }

    private void run() {
        List<Write<?>> group = new ArrayList<>(groupSize);
        try {
            while (true) {
                group.add(waiting.take());
                waiting.drainTo(group, groupSize - 1);
                group.removeIf(write -> !write.claim()); // given up by their requests before they ran
                commitTogether(group);
                group.clear();
            }
        } catch (InterruptedException stopping) {
            VeriscoreException closed = VeriscoreException.unavailable("the service is stopping; nothing was stored, retry",
                    RETRY_AFTER_SECONDS);
            group.forEach(write -> write.fail(closed));
            waiting.forEach(write -> write.fail(closed));
        }
    }

    private void commitTogether(List<Write<?>> group) {
        if (group.isEmpty()) {
            return;
        }
        groups.record(group.size());
        List<Object> results;
        try {
            results = QuarkusTransaction.requiringNew().call(() -> {
                Group rows = new Group();
                List<Object> stored = new ArrayList<>(group.size());
                group.forEach(write -> stored.add(write.store.apply(rows)));
                rows.flush();
                return stored;
            });
        } catch (Throwable failed) {
            if (group.size() == 1) {
                group.get(0).fail(failed);
            } else {
                LOG.debugf(failed, "A group of %d writes failed; each runs again alone", group.size());
                group.forEach(this::commitAlone);
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).complete(results.get(i));
        }
    }

    private void commitAlone(Write<?> write) {
        try {
            write.complete(QuarkusTransaction.requiringNew().call(() -> {
                Group rows = new Group();
                Object stored = write.store.apply(rows);
                rows.flush();
                return stored;
            }));
        } catch (Throwable failed) {
            write.fail(failed);
        }
    }

    /** One request's store: claimed once, by the writer that runs it or by the request that gives up waiting. */
    private static final class Write<T> {
        final Function<Group, T> store;
        final CompletableFuture<T> done = new CompletableFuture<>();
        final AtomicBoolean claimed = new AtomicBoolean();

        Write(Function<Group, T> store) {
            this.store = store;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        @SuppressWarnings("unchecked")
        void complete(Object result) {
            done.complete((T) result);
        }

        void fail(Throwable failure) {
            done.completeExceptionally(failure);
        }

        T await() {
            try {
                return done.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                if (claim()) {
                    throw VeriscoreException.unavailable("the request was abandoned before it was stored; nothing was stored",
                            RETRY_AFTER_SECONDS);
                }
                return joinUninterruptibly(); // its group is running: the outcome is the group's
            } catch (ExecutionException e) {
                throw rethrown(e.getCause());
            }
        }

        private T joinUninterruptibly() {
            try {
                return done.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw rethrown(e.getCause());
            }
        }

        private static RuntimeException rethrown(Throwable cause) {
            if (cause instanceof RuntimeException runtime) {
                return runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return new IllegalStateException(cause);
        }
    }
}

package io.veriscore.app.jobs;

import java.time.Duration;
import java.util.UUID;

/**
 * A kind of durable job, declared by the feature that runs it (a CDI bean of this type). {@link Jobs} gives each kind
 * a table and a pool of threads of its own, so that one kind's slow jobs never hold another's.
 *
 * @param name         the task's name, as db-scheduler stores it
 * @param table        its db-scheduler table (shaped like {@code scheduled_tasks}, see the migrations)
 * @param threads      jobs of this kind at once on one instance
 * @param ranked       whether jobs go by their rank ({@link Jobs#schedule(String, UUID, int)}) before their age
 * @param retryBackoff the wait before the first retry; it doubles with each further one
 * @param handler      runs one attempt; a failure is retried
 */
public record JobKind(String name, String table, int threads, boolean ranked, Duration retryBackoff, Handler handler) {

    /** One attempt at the job about {@code id}; the first attempt is 1. */
    public interface Handler {
        void attempt(UUID id, int attempt);
    }
}

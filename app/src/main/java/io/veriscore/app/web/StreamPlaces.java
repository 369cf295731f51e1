package io.veriscore.app.web;

import io.veriscore.app.error.VeriscoreException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places for long-lived streams on this instance: at most {@code perInstance} in all and {@code perClient} for any one
 * client, so that one client's streams never take the places of another's. A place taken is freed exactly once.
 */
public final class StreamPlaces {

    private final String what;
    private final int perInstance;
    private final int perClient;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> byClient = new ConcurrentHashMap<>();

    public StreamPlaces(String what, int perInstance, int perClient) {
        this.what = what;
        this.perInstance = perInstance;
        this.perClient = perClient;
    }

    /** Takes a place for {@code client}; false when the client or the instance has none left. */
    public boolean take(String client) {
        boolean[] taken = {false};
        byClient.compute(client, (name, count) -> {
            int mine = count == null ? 0 : count;
            if (mine >= perClient) {
                return count;
            }
            if (open.incrementAndGet() > perInstance) {
                open.decrementAndGet();
                return count;
            }
            taken[0] = true;
            return mine + 1;
        });
        return taken[0];
    }

    public void free(String client) {
        byClient.computeIfPresent(client, (name, count) -> {
            open.decrementAndGet();
            return count == 1 ? null : count - 1;
        });
    }

    /** Why {@link #take} refused: 429 when it is the client's own limit, 503 when the instance is full. */
    public VeriscoreException refusal(String client) {
        if (byClient.getOrDefault(client, 0) >= perClient) {
            return VeriscoreException.tooManyRequests("this key has " + perClient + " open " + what
                    + " on this instance, its limit: close one first", 5);
        }
        return VeriscoreException.unavailable("this instance has " + perInstance + " open " + what + "; try again shortly", 5);
    }

    /** Open streams, for tests and metrics. */
    public int open() {
        return open.get();
    }
}

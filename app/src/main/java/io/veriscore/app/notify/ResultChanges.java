package io.veriscore.app.notify;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Changes of results' proof and on-chain status, as PostgreSQL publishes them (channel {@code veriscore_result},
 * notified by triggers on the events tables, V18): every instance sees every change within milliseconds, and a
 * subscriber costs nothing while nothing changes. One connection of its own listens (outside the pool); when it is
 * lost, it is made again and every subscriber is told to look, since changes may have been missed meanwhile.
 */
@ApplicationScoped
public class ResultChanges {

    private static final Logger LOG = Logger.getLogger(ResultChanges.class);
    static final String CHANNEL = "veriscore_result";
    private static final Duration WAIT = Duration.ofMillis(500);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    /** Told that a result may have changed; it looks for itself. Called on the listener's thread: return at once. */
    public interface Subscriber {
        void changed();
    }

    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Map<UUID, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;

    ResultChanges(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        listener = Thread.ofPlatform().daemon().name("result-changes").start(this::listen);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** Subscribes to one result's changes until the returned handle is closed. */
    public AutoCloseable subscribe(UUID result, Subscriber subscriber) {
        subscribers.computeIfAbsent(result, id -> ConcurrentHashMap.newKeySet()).add(subscriber);
        return () -> subscribers.computeIfPresent(result, (id, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    /** Whether the listener is connected now (changes made meanwhile reach subscribers when it is back). */
    public boolean listening() {
        return listening;
    }

    /** Results with subscribers now, for tests and metrics. */
    public int subscribed() {
        return subscribers.size();
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user.orElse(null), password.orElse(null))) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                tellEveryone(); // changes made while not listening
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications((int) WAIT.toMillis());
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        tell(notification.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("Listening for result changes: %s (connecting again in %s)", e.getMessage(), RECONNECT);
                }
            } finally {
                listening = false;
            }
            sleep(RECONNECT);
        }
    }

    private void tell(String payload) {
        try {
            Set<Subscriber> told = subscribers.get(UUID.fromString(payload));
            if (told != null) {
                told.forEach(ResultChanges::safely);
            }
        } catch (IllegalArgumentException e) {
            LOG.debugf("Not a result id on %s: %s", CHANNEL, payload);
        }
    }

    private void tellEveryone() {
        subscribers.values().forEach(set -> set.forEach(ResultChanges::safely));
    }

    private static void safely(Subscriber subscriber) {
        try {
            subscriber.changed();
        } catch (RuntimeException e) {
            LOG.warn("A result-change subscriber failed", e);
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

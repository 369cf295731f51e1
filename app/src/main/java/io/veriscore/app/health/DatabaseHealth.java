package io.veriscore.app.health;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the database answers {@code select 1} within {@link #DEADLINE}: a database that hangs (stopped, its host
 * unreachable) makes readiness DOWN in that time, where a plain JDBC check would hang with it. At most one query is in
 * flight: while it has not returned, the next check answers DOWN at once rather than stacking threads on a dead server.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

    static final Duration DEADLINE = Duration.ofMillis(1500);

    private final AgroalDataSource dataSource;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

    DatabaseHealth(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        var health = HealthCheckResponse.named("Database");
        CompletableFuture<Void> query;
        synchronized (this) {
            if (!inFlight.isDone()) {
                return health.down().withData("reason", "the previous check's query has not returned").build();
            }
            query = inFlight = CompletableFuture.runAsync(this::selectOne, Thread.ofVirtual()::start);
        }
        try {
            query.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return health.up().build();
        } catch (TimeoutException e) {
            return health.down().withData("reason", "no answer to select 1 within " + DEADLINE.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            return health.down().withData("reason", String.valueOf(e.getCause().getMessage())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return health.down().build();
        }
    }

    private void selectOne() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select 1");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}

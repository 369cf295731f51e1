package io.veriscore.app.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.veriscore.db.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A real PostgreSQL for the tests, started the same way as the service's embedded default. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    protected EmbeddedPostgres database;

    @Override
    public Map<String, String> start() {
        try {
            database = EmbeddedPostgres.startTemporary();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedPostgres.SERVICE_USER,
                "quarkus.flyway.jdbc-url", database.jdbcUrl(),
                "quarkus.flyway.username", EmbeddedPostgres.USER,
                "quarkus.flyway.password", EmbeddedPostgres.TRUSTED_PASSWORD);
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}

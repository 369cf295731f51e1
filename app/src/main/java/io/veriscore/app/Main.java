package io.veriscore.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.veriscore.db.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts Veriscore. With no database configured it first starts the embedded PostgreSQL, whose data
 * directory ({@code VERISCORE_EMBEDDED_DB_DIR}, default {@code .veriscore/postgres}) survives restarts.
 *
 * <p>This happens before Quarkus boots because the datasource URL is needed to boot it.
 */
@QuarkusMain
public final class Main {

    static final String DATASOURCE_URL = "quarkus.datasource.jdbc.url";

    public static void main(String... args) throws IOException {
        if (configured(DATASOURCE_URL) == null) {
            String dir = configured("veriscore.embedded-db.dir");
            EmbeddedPostgres database = EmbeddedPostgres.start(Path.of(dir != null ? dir : ".veriscore/postgres"));
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
            // The service connects as a role that cannot change or remove rows; migrations run as the superuser.
            System.setProperty(DATASOURCE_URL, database.jdbcUrl());
            System.setProperty("quarkus.datasource.username", EmbeddedPostgres.SERVICE_USER);
            System.setProperty("quarkus.flyway.jdbc-url", database.jdbcUrl());
            System.setProperty("quarkus.flyway.username", EmbeddedPostgres.USER);
            System.setProperty("quarkus.flyway.password", EmbeddedPostgres.TRUSTED_PASSWORD);
        }
        Quarkus.run(args);
    }

    /** A setting from a system property or its environment-variable form, as Quarkus would read it. */
    private static String configured(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? null : value;
    }
}

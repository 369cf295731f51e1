package io.veriscore.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.db.EmbeddedPostgres;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Starts Veriscore. With no database configured it first starts the embedded PostgreSQL, whose data
 * directory ({@code veriscore.embedded-db.dir}, default {@code .veriscore/postgres}) survives restarts.
 *
 * <p>This happens before Quarkus boots because the datasource URL is needed to boot it.
 */
@QuarkusMain
public final class Main {

    static final String DATASOURCE_URL = "quarkus.datasource.jdbc.url";
    /** Quarkus's ordinal for application.properties on the class path: below environment variables (300). */
    private static final int APPLICATION_PROPERTIES_ORDINAL = 250;

    /** Held until this process ends: a lock whose channel is collected is released. */
    private static InstanceLock databaseLock;

    public static void main(String... args) throws IOException {
        SmallRyeConfig config = config();
        if (config.getOptionalValue(DATASOURCE_URL, String.class).isEmpty()) {
            VeriscoreConfig service = config.getConfigMapping(VeriscoreConfig.class);
            if (service.mode() == VeriscoreConfig.Mode.PRODUCTION && !service.embeddedDb().allowInProduction()) {
                System.err.println("veriscore: veriscore.mode=production needs a database of its own (quarkus.datasource.jdbc.url):"
                        + " the embedded one trusts every local login as its superuser (veriscore.embedded-db.allow-in-production=true"
                        + " overrides this)");
                System.exit(1);
            }
            Path dir = service.embeddedDb().dir();
            try {
                databaseLock = InstanceLock.claim(dir, "the embedded database");
            } catch (InstanceLock.HeldElsewhere e) {
                System.err.println("veriscore: " + e.getMessage());
                System.exit(1);
            }
            EmbeddedPostgres database = EmbeddedPostgres.start(dir);
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

    /**
     * The settings as Quarkus will read them once it boots: system properties, environment variables and
     * application.properties, with the active profile's values. Quarkus's own configuration does not exist yet.
     */
    static SmallRyeConfig config() throws IOException {
        String profile = System.getProperty("quarkus.profile", System.getenv().getOrDefault("QUARKUS_PROFILE", "prod"));
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources().withProfile(profile)
                .withMapping(VeriscoreConfig.class).withValidateUnknown(false); // the features' settings are read once Quarkus boots
        URL properties = Main.class.getClassLoader().getResource("application.properties");
        if (properties != null) {
            builder.withSources(new PropertiesConfigSource(properties, APPLICATION_PROPERTIES_ORDINAL));
        }
        return builder.build();
    }
}

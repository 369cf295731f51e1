package io.veriscore.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** The service-wide settings (the mode, the embedded database); each feature reads its own mapping (ProverConfig, ChainConfig, ...). */
@ConfigMapping(prefix = "veriscore")
public interface VeriscoreConfig {

    /** How the service is run. */
    enum Mode {
        /** Local defaults are allowed: a generated, insecure SRS among them. */
        DEVELOPMENT,
        /** Every trust anchor must be configured; the service refuses to start with a development SRS. */
        PRODUCTION
    }

    /** {@code development} (the default) or {@code production}. */
    @WithDefault("development")
    Mode mode();

    EmbeddedDb embeddedDb();

    interface EmbeddedDb {
        /**
         * Data directory of the embedded PostgreSQL that starts when no {@code quarkus.datasource.jdbc.url} is
         * set; it survives restarts. Read by {@code Main} before Quarkus boots.
         */
        @WithDefault(".veriscore/postgres")
        Path dir();

        /**
         * Whether production mode may run on the embedded database (it trusts every local login as its superuser);
         * off, production mode needs {@code quarkus.datasource.jdbc.url}. Read by {@code Main} before Quarkus boots.
         */
        @WithDefault("false")
        boolean allowInProduction();
    }
}

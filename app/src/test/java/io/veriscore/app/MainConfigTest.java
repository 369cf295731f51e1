package io.veriscore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What Main reads before Quarkus boots (the datasource URL, veriscore.embedded-db.dir) comes from the same places Quarkus
 * reads: application.properties with the active profile's values, under system properties and environment variables.
 */
public class MainConfigTest {

    @Test
    void readsApplicationPropertiesWithTheActiveProfile() throws Exception {
        String before = System.getProperty("quarkus.profile");
        try {
            System.setProperty("quarkus.profile", "test");
            assertEquals("127.0.0.1", Main.config().getValue("quarkus.http.host", String.class), "a plain setting");
            assertEquals("../target/test-circuits", Main.config().getValue("veriscore.prover.circuit-directory", String.class),
                    "the test profile's value");
            System.setProperty("veriscore.prover.circuit-directory", "/elsewhere");
            assertEquals("/elsewhere", Main.config().getValue("veriscore.prover.circuit-directory", String.class),
                    "a system property overrides the file");
            System.setProperty("veriscore.embedded-db.dir", "/data/veriscore");
            assertEquals(java.nio.file.Path.of("/data/veriscore"), Main.config().getConfigMapping(
                    io.veriscore.app.config.VeriscoreConfig.class).embeddedDb().dir(), "the service's own mapping, as Main reads it");
        } finally {
            System.clearProperty("veriscore.prover.circuit-directory");
            System.clearProperty("veriscore.embedded-db.dir");
            if (before == null) {
                System.clearProperty("quarkus.profile");
            } else {
                System.setProperty("quarkus.profile", before);
            }
        }
    }
}

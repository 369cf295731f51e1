package io.veriscore.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    private Path temp;

    /** JUnit's @TempDir is private to root; PostgreSQL, run as nobody under root, must reach it. */
    private Path reachableTempDir() throws IOException {
        temp = Files.createTempDirectory("veriscore-db-test-");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        return temp;
    }

    @AfterEach
    void deleteTempDir() throws IOException {
        PostgresBinaries.deleteTree(temp);
    }

    @Test
    void committedRowsSurviveARestart() throws Exception {
        Path data = reachableTempDir().resolve("data");
        try (EmbeddedPostgres first = EmbeddedPostgres.start(data);
             Connection connection = connect(first)) {
            connection.createStatement().execute("CREATE TABLE kept (value text)");
            connection.createStatement().execute("INSERT INTO kept VALUES ('acknowledged')");
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.start(data);
             Connection connection = connect(second)) {
            ResultSet rows = connection.createStatement().executeQuery("SELECT value FROM kept");
            rows.next();
            assertEquals("acknowledged", rows.getString(1));
        }
    }

    /** Nothing the service starts outlives it: the server stops when the JVM that started it is killed with SIGKILL. */
    @Test
    void theServerStopsWhenItsJvmIsKilled() throws Exception {
        Path data = reachableTempDir().resolve("owned");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DatabaseOwner.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("postmaster ")) {
                // start-up logging
            }
            assertNotNull(line, "the owner never started its server");
            ProcessHandle server = ProcessHandle.of(Long.parseLong(line.substring("postmaster ".length()))).orElseThrow();
            assertTrue(server.isAlive());

            owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
            owner.waitFor();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (server.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(server.isAlive(), "PostgreSQL outlived the JVM that started it");
            assertFalse(Files.exists(data.resolve("postmaster.pid")), "stopped cleanly, not abandoned");
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    void takesOverFromAServerWhoseOwnerDiedWithoutStoppingIt() throws Exception {
        Path data = reachableTempDir().resolve("orphaned");
        EmbeddedPostgres orphan = EmbeddedPostgres.start(data); // never closed, as after kill -9
        try (Connection connection = connect(orphan)) {
            connection.createStatement().execute("CREATE TABLE kept (value int)");
            connection.createStatement().execute("INSERT INTO kept VALUES (7)");
        }
        try (EmbeddedPostgres next = EmbeddedPostgres.start(data);
             Connection connection = connect(next)) {
            assertNotEquals(orphan.port(), next.port());
            ResultSet rows = connection.createStatement().executeQuery("SELECT value FROM kept");
            rows.next();
            assertEquals(7, rows.getInt(1));
        }
    }

    private static Connection connect(EmbeddedPostgres server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgres.USER, "");
    }
}

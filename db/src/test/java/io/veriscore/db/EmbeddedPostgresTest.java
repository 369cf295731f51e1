package io.veriscore.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
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

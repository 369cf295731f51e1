package io.veriscore.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server for development and tests, run from the binaries on the class path.
 *
 * <p>It listens on a free loopback port only, with no Unix socket, and trusts local connections: a
 * development default, never a production database. The data directory survives restarts. PostgreSQL
 * refuses to run as root, so under root the server runs as the unprivileged user {@code nobody}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String DATABASE = "veriscore";
    /** The superuser: owns the schema and runs the migrations. */
    public static final String USER = "postgres";
    /** The service's role (created by migration V5): reads and adds rows, never changes or removes them. */
    public static final String SERVICE_USER = "veriscore_service";
    /** Loopback connections are trusted, so any password does; Quarkus' Flyway settings insist on one. */
    public static final String TRUSTED_PASSWORD = "trusted-loopback";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final String UNPRIVILEGED_USER = "nobody";

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final boolean runAsNobody;
    private final boolean temporary;
    private Process watchdog;

    private EmbeddedPostgres(Path binaries, Path dataDirectory, int port, boolean runAsNobody, boolean temporary) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.runAsNobody = runAsNobody;
        this.temporary = temporary;
    }

    /** Starts a server on {@code dataDirectory}, initialising it first when it is new or empty. */
    public static EmbeddedPostgres start(Path dataDirectory) throws IOException {
        return start(dataDirectory, false);
    }

    /** Starts a server on a new data directory that is deleted when the server is closed: for tests. */
    public static EmbeddedPostgres startTemporary() throws IOException {
        Path parent = Files.createTempDirectory("veriscore-postgres-data-");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
        return start(parent.resolve("data"), true);
    }

    private static EmbeddedPostgres start(Path dataDirectory, boolean temporary) throws IOException {
        EmbeddedPostgres server = new EmbeddedPostgres(
                PostgresBinaries.install(), dataDirectory.toAbsolutePath().normalize(), freePort(), isRoot(), temporary);
        server.initialiseIfNew();
        server.stopLeftoverServer();
        server.startServer();
        server.startWatchdog();
        server.createDatabase();
        LOG.infof("Embedded PostgreSQL on 127.0.0.1:%d, data in %s", server.port, server.dataDirectory);
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(port, DATABASE);
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server, waiting for it to write everything down; a temporary one is also deleted. */
    @Override
    public void close() {
        try {
            stop();
            watchdog.getOutputStream().close(); // it finds the server stopped already, and ends
            if (temporary) {
                PostgresBinaries.deleteTree(dataDirectory.getParent());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Could not stop embedded PostgreSQL on %s", dataDirectory);
        }
    }

    /** Stops the server and keeps its data: {@link #restart()} brings it back on the same port. */
    public void stop() throws IOException {
        pgCtl("stop", "-m", "fast");
    }

    public void restart() throws IOException {
        startServer();
    }

    private void initialiseIfNew() throws IOException {
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(dataDirectory);
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
        if (runAsNobody) {
            requireReachableByNobody(dataDirectory.getParent());
            UserPrincipal nobody = dataDirectory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(UNPRIVILEGED_USER);
            Files.setOwner(dataDirectory, nobody);
        }
        run(binary("initdb"), "-D", dataDirectory.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale");
    }

    /** A server left running by a process that was killed holds the data directory: stop it first. */
    private void stopLeftoverServer() throws IOException {
        if (Files.exists(dataDirectory.resolve("postmaster.pid")) && exitCode(binary("pg_ctl"), "status", "-D", dataDirectory.toString()) == 0) {
            LOG.warnf("Stopping a PostgreSQL server left running on %s", dataDirectory);
            stop();
        }
    }

    private void startServer() throws IOException {
        String options = "-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories=''".formatted(port);
        pgCtl("start", "-l", dataDirectory.resolve("server.log").toString(), "-o", options);
    }

    /**
     * The server dies with this JVM, however it ends (SIGKILL included): a small shell holds the read end of a pipe from
     * this JVM, which the kernel closes when the JVM ends; then the shell stops the server. A server left running
     * anyway (the machine crashed) is stopped at the next start, by {@code stopLeftoverServer}.
     */
    private void startWatchdog() throws IOException {
        List<String> command = new ArrayList<>();
        if (runAsNobody) {
            command.addAll(List.of("runuser", "-u", UNPRIVILEGED_USER, "--"));
        }
        command.addAll(List.of("sh", "-c", "cat > /dev/null; exec \"$0\" stop -D \"$1\" -m fast -w -t 60",
                binary("pg_ctl"), dataDirectory.toString()));
        watchdog = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void createDatabase() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:%d/postgres".formatted(port);
        try (Connection connection = DriverManager.getConnection(url, USER, "");
             Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IOException("cannot create database " + DATABASE + " on embedded PostgreSQL", e);
        }
    }

    private void pgCtl(String action, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary("pg_ctl"), action, "-D", dataDirectory.toString(), "-w", "-t", "60"));
        command.addAll(List.of(options));
        run(command.toArray(String[]::new));
    }

    private String binary(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(String... command) throws IOException {
        ProcessResult result = execute(command);
        if (result.exitCode != 0) {
            throw new IOException("%s failed with exit code %d:%n%s".formatted(String.join(" ", command), result.exitCode, result.output));
        }
    }

    private int exitCode(String... command) throws IOException {
        return execute(command).exitCode;
    }

    private record ProcessResult(int exitCode, String output) {}

    private ProcessResult execute(String... command) throws IOException {
        List<String> full = new ArrayList<>();
        if (runAsNobody) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED_USER, "--"));
        }
        full.addAll(List.of(command));
        // Output goes to a file, not a pipe: pg_ctl's server child would keep a pipe open forever.
        Path output = Files.createTempFile("veriscore-postgres-", ".log");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
            }
            return new ProcessResult(process.exitValue(), Files.readString(output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void requireReachableByNobody(Path directory) throws IOException {
        for (Path dir = directory; dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException(("PostgreSQL cannot run as root, so it runs as '%s', which cannot reach %s"
                        + " (no search permission on %s): choose a data directory elsewhere, or run as another user")
                        .formatted(UNPRIVILEGED_USER, directory, dir));
            }
        }
    }

    private static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

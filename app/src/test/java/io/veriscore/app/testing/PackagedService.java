package io.veriscore.app.testing;

import io.veriscore.app.chain.RecordBatchTest;
import io.veriscore.db.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line of the packaged service (target/quarkus-app) on a given database, with the tests' credentials. */
public final class PackagedService {

    private PackagedService() {}

    /** {@code options} come after the defaults: the last -D of a name wins. */
    public static List<String> command(int port, EmbeddedPostgres database, String signingKeyFile, String... options) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl(),
                "-Dquarkus.datasource.username=" + EmbeddedPostgres.SERVICE_USER,
                "-Dquarkus.flyway.jdbc-url=" + database.jdbcUrl(),
                "-Dquarkus.flyway.username=" + EmbeddedPostgres.USER,
                "-Dquarkus.flyway.password=" + EmbeddedPostgres.TRUSTED_PASSWORD,
                "-Dveriscore.prover.python=../.veriscore/ezkl-venv/bin/python",
                "-Dveriscore.prover.circuit-directory=../target/test-circuits",
                "-Dveriscore.chain.compiler-directory=../contracts", // the service runs from app/: solc-js is in contracts/
                "-Dveriscore.chain.batch-window=PT0S", // record batches have a test of their own (RecordBatchTest)
                "-Dveriscore.signing.key-file=" + signingKeyFile,
                "-Dveriscore.auth.credentials.test-client.role=client",
                "-Dveriscore.auth.credentials.test-client.key-sha256=" + sha256(Api.CLIENT_KEY),
                "-Dveriscore.auth.credentials.test-auditor.role=auditor",
                "-Dveriscore.auth.credentials.test-auditor.key-sha256=" + sha256(Api.AUDITOR_KEY)));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        return command;
    }

    /**
     * Starts the packaged service with a development chain of its own (state under target/), its output in
     * {@code log}, and waits up to six minutes until each of {@code readyPaths} answers 200.
     */
    public static Process startWithChain(int port, EmbeddedPostgres database, String signingKeyFile, Path log, String... readyPaths)
            throws IOException, InterruptedException {
        Path chain = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chain").resolve("state.json");
        return start(port, database, signingKeyFile, log, List.of("-Dveriscore.chain.dev-node-directory=../contracts",
                "-Dveriscore.chain.dev-state-file=" + chain, "-Dveriscore.chain.anchor-interval=PT5S", "-Dveriscore.chain.anchor-check=1s"),
                readyPaths);
    }

    /** Starts the packaged service with {@code options}, its output in {@code log}, and waits as {@link #startWithChain} does. */
    public static Process start(int port, EmbeddedPostgres database, String signingKeyFile, Path log, List<String> options,
            String... readyPaths) throws IOException, InterruptedException {
        List<String> command = command(port, database, signingKeyFile, options.toArray(String[]::new));
        Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!Arrays.stream(readyPaths).allMatch(path -> status(port, path) == 200)) {
            if (!service.isAlive() || System.nanoTime() > deadline) {
                service.destroyForcibly();
                throw new IllegalStateException("the service did not get ready; see " + log);
            }
            Thread.sleep(500);
        }
        return service;
    }

    /** The status of a GET on the service; -1 when it does not answer. */
    public static int status(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops the service (SIGTERM, then SIGKILL after 30 s) and then its database; either may be null. */
    public static void stop(Process service, EmbeddedPostgres database) throws InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

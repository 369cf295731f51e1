package io.veriscore.app;

import io.veriscore.db.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line of the packaged service (target/quarkus-app) on a given database, with the tests' credentials. */
final class PackagedService {

    private PackagedService() {}

    /** {@code options} come after the defaults: the last -D of a name wins. */
    static List<String> command(int port, EmbeddedPostgres database, String signingKeyFile, String... options) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl(),
                "-Dquarkus.datasource.username=" + EmbeddedPostgres.SERVICE_USER,
                "-Dquarkus.flyway.jdbc-url=" + database.jdbcUrl(),
                "-Dquarkus.flyway.username=" + EmbeddedPostgres.USER,
                "-Dquarkus.flyway.password=" + EmbeddedPostgres.TRUSTED_PASSWORD,
                "-Dveriscore.prover.python=../.veriscore/ezkl-venv/bin/python",
                "-Dveriscore.prover.circuit-directory=target/circuits",
                "-Dveriscore.signing.key-file=" + signingKeyFile,
                "-Dveriscore.auth.credentials.test-client.role=client",
                "-Dveriscore.auth.credentials.test-client.key-sha256=" + sha256(Api.CLIENT_KEY),
                "-Dveriscore.auth.credentials.test-auditor.role=auditor",
                "-Dveriscore.auth.credentials.test-auditor.key-sha256=" + sha256(Api.AUDITOR_KEY)));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        return command;
    }

    /** Stops the service (SIGTERM, then SIGKILL after 30 s) and then its database; either may be null. */
    static void stop(Process service, EmbeddedPostgres database) throws InterruptedException {
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

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.veriscore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.RestAssured;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Inputs;
import io.veriscore.app.testing.PackagedService;
import io.veriscore.db.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schemathesis fuzzes every operation of the packaged service (but a result's event stream, see below), on its real database, once with a client key and once
 * with an auditor key: no answer may be a 5xx, and every status, content type and body must be the one the OpenAPI
 * document promises. Any failure fails the build; the reports are in {@code target/schemathesis-*}.
 *
 * <p>Bounded: {@code -Dfuzz.max-time} seconds per key (default 45), seed {@code -Dfuzz.seed} (default fixed, so a
 * failure reproduces). It starts once the circuit is built and the development chain is up, since a 503 counts as a
 * server error; proofs run one at a time.
 */
public class ApiFuzzIT {

    private static final Path FUZZER = Path.of("../.veriscore/fuzz-venv/bin/schemathesis");
    private static final List<String> CHECKS = List.of("not_a_server_error", "status_code_conformance",
            "content_type_conformance", "response_schema_conformance");

    private static EmbeddedPostgres database;
    private static Process service;
    private static int port;

    @BeforeAll
    static void startService() throws Exception {
        assertTrue(Files.isExecutable(FUZZER), FUZZER + " is missing: './veriscore test' installs it");
        database = EmbeddedPostgres.startTemporary();
        port = PackagedService.freePort();
        List<String> command = PackagedService.command(port, database, "target/fuzz-signing-key.pem",
                "-Dveriscore.prover.concurrency=1", "-Dveriscore.chain.dev-node-directory=../contracts",
                "-Dveriscore.chain.dev-state-file=" + Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fuzz-chain")
                        .resolve("state.json"));
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Path.of("target/fuzz-service.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        // Fuzzing starts once nothing answers 503 for being on its way (the circuit, the development chain).
        while (status("/q/health") != 200 || status("/v1/models/stress-mlp/circuit") != 200 || status("/v1/chain") != 200) {
            if (!service.isAlive() || System.nanoTime() > deadline) {
                fail("the service did not start; see target/fuzz-service.log");
            }
            Thread.sleep(200);
        }
        // One stored result, so that listings and the log have something to show.
        Api.client().baseUri("http://127.0.0.1").port(port).contentType("application/json")
                .body(Inputs.single(Inputs.TIRED)).post("/v1/inferences").then().statusCode(201);
    }

    @AfterAll
    static void stopService() throws InterruptedException {
        PackagedService.stop(service, database);
    }

    @Test
    void everyOperationKeepsItsContractForAClient() throws Exception {
        fuzz("client", Api.CLIENT_KEY);
    }

    @Test
    void everyOperationKeepsItsContractForAnAuditor() throws Exception {
        fuzz("auditor", Api.AUDITOR_KEY);
    }

    private static void fuzz(String role, String key) throws Exception {
        Path log = Path.of("target", "schemathesis-" + role + ".log");
        List<String> command = new ArrayList<>(List.of(FUZZER.toString(), "run", "http://127.0.0.1:" + port + "/q/openapi",
                "--header", "Authorization: Bearer " + key,
                "--checks", String.join(",", CHECKS),
                "--max-time", System.getProperty("fuzz.max-time", "45"), // per role; -Dfuzz.max-time=600 fuzzes deeper
                "--seed", System.getProperty("fuzz.seed", "20261201"),
                // One worker: with two, CPython 3.11's compiler raced in Schemathesis's threads ("AST constructor recursion
                // depth mismatch", a runtime error of the fuzzer, not of the API) in one CI run of four.
                "--workers", "1", "--request-timeout", "60", "--no-color",
                // A result's event stream stays open while the result can still change (a proven one may yet be recorded
                // on-chain): every call would wait out the timeout, and the client's run then spent its whole time there
                // (64 s of coverage, no fuzzing). Its refusals and limits are StatusEventsTest's and StreamLimitsTest's.
                "--exclude-path", "/v1/inferences/{id}/events",
                "--report", "junit", "--report-dir", "target/schemathesis-" + role));
        Process fuzzer = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!fuzzer.waitFor(10, TimeUnit.MINUTES)) {
            fuzzer.destroyForcibly();
            fail("Schemathesis did not finish in 10 minutes; see " + log);
        }
        List<String> output = Files.readAllLines(log);
        output.stream().filter(line -> line.contains("generated,") || line.contains(" in ") && line.contains("===="))
                .forEach(line -> System.out.println("Schemathesis (" + role + "): " + line.strip()));
        assertEquals(0, fuzzer.exitValue(), "Schemathesis found failures as " + role + ":\n"
                + String.join("\n", output.subList(Math.max(0, output.size() - 120), output.size())));
    }

    private static int status(String path) {
        try {
            return RestAssured.given().baseUri("http://127.0.0.1").port(port).get(path).statusCode();
        } catch (Exception e) { // not listening yet
            return -1;
        }
    }

}

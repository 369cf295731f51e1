package io.veriscore.app.health;

import static io.veriscore.app.testing.Inputs.RESTED;
import static io.veriscore.app.testing.Inputs.TIRED;
import static io.veriscore.app.testing.Inputs.post;
import static io.veriscore.app.testing.Inputs.problem;
import static io.veriscore.app.testing.Inputs.single;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import io.veriscore.db.EmbeddedPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The database goes away under a running service: clear 503s, nothing acknowledged is lost, it recovers. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
public class DatabaseOutageTest {

    /** A database of its own, so that stopping it disturbs no other test. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppableDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "2S");
        }
    }

    public static class StoppableDatabase extends EmbeddedPostgresResource {
        public static EmbeddedPostgres current;

        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            current = database;
            return config;
        }
    }

    @Test
    void anOutageIsA503AndLosesNothingThatWasAcknowledged() throws Exception {
        String acknowledged = post(single(TIRED)).statusCode(201).extract().path("id");
        int storedBefore = storedCount();

        StoppableDatabase.current.stop();
        try {
            problem(post(single(RESTED)), 503)
                    .header("Retry-After", equalTo("5"))
                    .body("detail", containsString("database is unavailable"));
            Api.client().when().get("/q/health/ready").then().statusCode(503);
            awaitLogHealth("DOWN"); // the sequencer's failed turns show in health and in a metric
            assertTrue(sequencerFailures() > 0, "veriscore_log_sequencer_failures_total counts them");
        } finally {
            StoppableDatabase.current.restart();
        }

        Response recovered = postUntilNot503();
        assertEquals(201, recovered.statusCode(), recovered.asString());
        Api.client().when().get("/v1/inferences/" + acknowledged).then().statusCode(200).body("label", equalTo("stressed"));
        assertEquals(storedBefore + 1, storedCount(), "the request answered 503 stored nothing");
        Api.client().when().get("/q/health/ready").then().statusCode(200);
        awaitLogHealth("UP");
    }

    /**
     * A database that hangs (every PostgreSQL process stopped with SIGSTOP) makes readiness DOWN within 2 s instead of
     * hanging the probe with it; it is UP again once the database answers.
     */
    @Test
    void readinessSaysDownWithinTwoSecondsWhenTheDatabaseHangs() throws Exception {
        long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(StoppableDatabase.current.dataDirectory()
                .resolve("postmaster.pid")).getFirst().strip());
        List<String> pids = new java.util.ArrayList<>(List.of(String.valueOf(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(child -> pids.add(String.valueOf(child.pid())));
        signal("-STOP", pids);
        try {
            for (int probe = 0; probe < 3; probe++) {
                long started = System.nanoTime();
                int status = Api.client().when().get("/q/health/ready").then().extract().statusCode();
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(503, status);
                assertTrue(millis < 2000, "readiness answered in " + millis + " ms");
            }
        } finally {
            signal("-CONT", pids);
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (Api.client().when().get("/q/health/ready").then().extract().statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "readiness is UP again once the database answers");
            Thread.sleep(200);
        }
    }

    /** Sends a signal to processes this test's database started, by their ids. */
    private static void signal(String signal, List<String> pids) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor());
    }

    private static void awaitLogHealth(String status) throws InterruptedException {
        String last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            last = Api.client().when().get("/q/health").then().extract().path("checks.find { it.name == 'transparency-log' }.status");
            if (status.equals(last)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("the transparency log's health stayed " + last + ", not " + status);
    }

    private static double sequencerFailures() {
        return Api.client().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("veriscore_log_sequencer_failures_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Pooled connections to the old server fail once each; a client retries a 503 as told. */
    private static Response postUntilNot503() throws InterruptedException {
        Response response = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            response = Api.client().contentType("application/json").body(single(RESTED)).when().post("/v1/inferences");
            if (response.statusCode() != 503) {
                return response;
            }
            Thread.sleep(250);
        }
        return response;
    }

    private static int storedCount() {
        return Api.client().queryParam("limit", 500).when().get("/v1/inferences").then().statusCode(200)
                .extract().<List<?>>path("items").size();
    }
}

package io.veriscore.app.proof;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Inputs;
import io.veriscore.app.testing.Proofs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A prover that crashes or hangs ends the job as failed after its retries; the result it was proving stays as
 * stored. Here EZKL's proof workers hang (a wrapper of the venv's Python sleeps instead of serving; set-up and the
 * version check run for real), so the 0.5 s limit always expires, while the crash test's killer, polling every 20 ms,
 * strikes well before it.
 */
@QuarkusTest
@TestProfile(ProverFaultTest.TwoAttempts.class)
public class ProverFaultTest {

    public static class TwoAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path hanging = Path.of("target/hanging-ezkl-worker.sh").toAbsolutePath();
            try {
                Files.writeString(hanging, "#!/bin/sh\n[ \"$2\" = serve ] && exec " + ProofApiTest.python()
                        + " -c 'import time; time.sleep(3600)' \"$@\"\nexec " + ProofApiTest.python() + " \"$@\"\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            hanging.toFile().setExecutable(true);
            return Map.of("veriscore.prover.max-attempts", "2", "veriscore.prover.retry-backoff", "PT0.2S",
                    "veriscore.prover.prove-timeout", "PT0.5S", "veriscore.prover.python", hanging.toString());
        }
    }

    @Test
    void aCrashingProverEndsTheJobAsFailedAndKeepsTheResult() throws Exception {
        JsonPath created = Api.client().contentType("application/json").body(ProofApiTest.proveOne(Inputs.TIRED))
                .post("/v1/inferences").then().statusCode(202).extract().jsonPath();
        String id = created.getString("id");
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger killed = new AtomicInteger();
        Thread killer = Thread.ofPlatform().start(() -> {
            while (!done.get()) { // SIGKILL every EZKL proof worker this JVM starts, as a crash would
                ProcessHandle.current().descendants()
                        .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("").matches(".*ezkl_bridge\\.py serve.*"))
                        .forEach(p -> {
                            if (p.destroyForcibly()) {
                                killed.incrementAndGet();
                            }
                        });
                Proofs.sleep(20);
            }
        });
        try {
            JsonPath proof = Proofs.awaitStatus(id, ProofApiTest.FIRST_PROOF, "failed", "proven");
            assertEquals("failed", proof.getString("status"));
            assertEquals(2, proof.getInt("attempts"));
            assertTrue(proof.getString("reason").contains("exit code") && proof.getString("reason").contains("attempt 2 of 2"),
                    proof.getString("reason"));
        } finally {
            done.set(true);
            killer.join();
        }
        assertTrue(killed.get() >= 2, "the prover was killed in each attempt");
        Api.client().get("/v1/inferences/{id}", id).then().statusCode(200)
                .body("score", equalTo(created.getFloat("score"))).body("proof.status", equalTo("failed"));
    }

    @Test
    void aProverThatHangsIsKilledAtItsTimeoutAndTheJobFails() {
        JsonPath created = Api.client().contentType("application/json").body(ProofApiTest.proveOne(Inputs.RESTED))
                .post("/v1/inferences").then().statusCode(202).extract().jsonPath();
        JsonPath proof = Proofs.awaitStatus(created.getString("id"), ProofApiTest.FIRST_PROOF, "failed", "proven");
        assertEquals("failed", proof.getString("status"));
        assertTrue(proof.getString("reason").contains("timed out after PT0.5S and was killed"), proof.getString("reason"));
        Api.client().get("/v1/inferences/{id}", created.getString("id")).then().statusCode(200)
                .body("score", equalTo(created.getFloat("score")));

        // A failed proof can be asked for again: it is queued afresh, with every attempt (and fails again here).
        Api.client().post("/v1/inferences/{id}/proof", created.getString("id")).then().statusCode(202)
                .body("status", org.hamcrest.Matchers.oneOf("queued", "proving")); // its job may have started already
        JsonPath again = Proofs.awaitStatus(created.getString("id"), ProofApiTest.FIRST_PROOF, "failed", "proven");
        assertEquals("failed", again.getString("status"));
        assertEquals(2, again.getInt("attempts"));
        assertTrue(!again.getString("updatedAt").equals(proof.getString("updatedAt")), "a second job ran");
    }
}

package io.veriscore.app.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Set;

/** Waiting for proof jobs, as a client would: by polling the API. */
public final class Proofs {

    private Proofs() {}

    /** Polls {@code GET /v1/inferences/{id}/proof} until its status is one of {@code statuses}. */
    public static JsonPath awaitStatus(String inferenceId, Duration timeout, String... statuses) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath proof;
        do {
            proof = Api.client().get("/v1/inferences/{id}/proof", inferenceId).then().statusCode(200).extract().jsonPath();
            if (Set.of(statuses).contains(proof.getString("status"))) {
                return proof;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        return fail("proof of " + inferenceId + " is still " + proof.getString("status") + " after " + timeout);
    }

    /** Probes until {@code done} holds, every 50 ms; fails with the last answer after {@code timeout}. */
    public static <T> T poll(java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last;
        do {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        return fail("still " + last + " after " + timeout);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.veriscore.app.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.audit.AuditApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Proofs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Requests to record fast-proven results wait for a record batch on a real Anvil node: those that meet within the
 * window are recorded by one batch proof in one transaction, a lone one is recorded alone, and a batch the registry
 * refuses does not take its members down with it.
 */
@QuarkusTest
@TestProfile(RecordBatchTest.Batching.class)
public class RecordBatchTest {

    public static class Batching implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(new OnchainApiTest.QuickRetries().getConfigOverrides());
            overrides.put("veriscore.chain.batch-window", "PT2S");
            overrides.put("veriscore.chain.batch-min", "3");
            return overrides;
        }
    }

    /**
     * Three requests within the window share one batch proof and one transaction; a lone one is recorded alone. Then a
     * batch whose member's stored proof and salt were swapped, behind the service's back, for the lone one's (the same
     * input: its very statement) is refused by the registry: its other members are recorded alone, and the swapped one
     * is refused alone too, with the registry's reason.
     */
    @Test
    void requestsWithinTheWindowShareOneTransactionALoneOneGoesAloneAndARefusedBatchTakesNobodyDown() throws Exception {
        List<String> ids = List.of(OnchainApiTest.provenResult(0.11), OnchainApiTest.provenResult(0.12), OnchainApiTest.provenResult(0.13));
        ids.forEach(id -> Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(202)
                .body("status", org.hamcrest.Matchers.is("waiting")));
        List<JsonPath> mined = ids.stream().map(id -> await(id, "mined", "reverted", "failed")).toList();
        for (JsonPath record : mined) {
            assertEquals("mined", record.getString("status"), record.getString("reason"));
            assertEquals(mined.get(0).getString("txHash"), record.getString("txHash"), "one transaction for the three");
            assertEquals("batch", record.getString("recordProof.profile"));
        }
        long gas = mined.get(0).getLong("gasUsed");
        System.out.printf("Figures: a record batch of 3 results: gas %d, %d per score%n", gas, gas / 3);

        String lone = OnchainApiTest.provenResult(0.31);
        Api.client().post("/v1/inferences/{id}/onchain", lone).then().statusCode(202);
        JsonPath alone = await(lone, "mined", "reverted", "failed");
        assertEquals("mined", alone.getString("status"), alone.getString("reason"));
        assertEquals("onchain", alone.getString("recordProof.profile"), "alone: the onchain single costs less than a batch of one");
        assertNotEquals(mined.get(0).getString("txHash"), alone.getString("txHash"));

        List<String> refused = List.of(OnchainApiTest.provenResult(0.32), OnchainApiTest.provenResult(0.31), OnchainApiTest.provenResult(0.33));
        List<String> original = OnchainApiTest.storedProof(refused.get(1));
        OnchainApiTest.replaceProof(refused.get(1), OnchainApiTest.storedProof(lone));
        try {
            refused.forEach(id -> Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(202));
            JsonPath first = await(refused.get(0), "mined", "failed");
            assertEquals("mined", first.getString("status"), first.getString("reason"));
            assertEquals("onchain", first.getString("recordProof.profile"), "recorded alone after its batch was refused");
            assertEquals("mined", await(refused.get(2), "mined", "failed").getString("status"));
            JsonPath swapped = await(refused.get(1), "reverted", "failed");
            assertTrue(swapped.getString("reason").startsWith("StatementAlreadyRecorded("), swapped.getString("reason"));
            assertEquals(2, submissionsOf(refused.get(0)), "its batch's submission, ended, and its own");
        } finally {
            OnchainApiTest.replaceProof(refused.get(1), original);
        }
    }

    /** Waits for the result's latest submission to reach one of {@code statuses}, past those it passes through. */
    private static JsonPath await(String id, String... statuses) {
        long deadline = System.nanoTime() + OnchainApiTest.MINED.toNanos();
        JsonPath status;
        do {
            status = Api.client().get("/v1/inferences/{id}/onchain", id).then().statusCode(200).extract().jsonPath();
            if (Set.of(statuses).contains(status.getString("status"))) {
                return status;
            }
            Proofs.sleep(200);
        } while (System.nanoTime() < deadline);
        return fail("on-chain submission of " + id + " is still " + status.getString("status") + ": " + status.getString("reason"));
    }

    private static int submissionsOf(String id) throws Exception {
        try (Connection connection = AuditApiTest.superuser(); PreparedStatement count = connection.prepareStatement(
                "select count(*) from chain_submission where inference_id = ?")) {
            count.setObject(1, UUID.fromString(id));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}

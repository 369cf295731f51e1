package io.veriscore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.veriscore.contracts.generated.ScoreRegistry;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The onchain circuit profile end to end: the model version gets EZKL's single-circuit verifier of its own (compiled
 * with the pinned solc-js, deployed, registered), and a proven score is recorded through it for far less gas.
 */
@QuarkusTest
@TestProfile(OnchainProfileTest.OnchainProfile.class)
class OnchainProfileTest {

    public static class OnchainProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(new OnchainApiTest.QuickRetries().getConfigOverrides());
            overrides.put("veriscore.prover.profile", "onchain");
            return overrides;
        }
    }

    @Test
    void aProvenScoreIsRecordedThroughTheModelsOwnVerifier() throws Exception {
        String id = OnchainApiTest.provenResult(0.41);
        JsonPath proof = Api.client().get("/v1/inferences/{id}/proof", id).then().statusCode(200).extract().jsonPath();
        assertEquals("onchain", proof.getString("circuit.profile"));
        assertEquals(12, proof.getInt("circuit.logrows"));

        Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(202);
        JsonPath mined = OnchainApiTest.awaitOnchain(id, "mined", "reverted", "failed");
        assertEquals("mined", mined.getString("status"), mined.getString("reason"));
        long gas = mined.getLong("gasUsed");
        System.out.printf("Figures: onchain profile through the service: gas per verified submission %d%n", gas);
        assertTrue(gas < 800_000, "the single-circuit verifier, not the reusable one (1.6M): " + gas);

        JsonPath chain = Api.client().get("/v1/chain").then().statusCode(200).extract().jsonPath();
        Web3j web3j = Web3j.build(new HttpService(chain.getString("network.rpcUrl")));
        try {
            ScoreRegistry registry = ScoreRegistry.load(chain.getString("contracts.scoreRegistry"), web3j,
                    new ReadonlyTransactionManager(web3j, chain.getString("account")), new DefaultGasProvider());
            byte[] key = HexFormat.of().parseHex(proof.getString("circuit.verifyingKeySha256"));
            var model = registry.models(key).send();
            assertFalse(model.component1().equalsIgnoreCase(chain.getString("contracts.verifier")), "a verifier of its own");
            assertEquals("0x0000000000000000000000000000000000000000", model.component2(), "and no VKA");
            UUID uuid = UUID.fromString(id);
            byte[] resultId = ByteBuffer.allocate(32).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
            var stored = registry.scores(resultId).send();
            assertEquals(proof.getString("statement.label").equals("stressed"), stored.component4());
            assertEquals(mined.getLong("blockNumber"), stored.component5().longValue());
        } finally {
            web3j.shutdown();
        }
    }
}

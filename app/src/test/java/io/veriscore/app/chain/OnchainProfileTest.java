package io.veriscore.app.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Proofs;
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
 * with the pinned solc-js, deployed, registered), and a proven score is recorded through it for far less gas. The
 * log's tree heads are anchored on the same registry, every second here.
 */
@QuarkusTest
@TestProfile(OnchainProfileTest.OnchainProfile.class)
public class OnchainProfileTest {

    public static class OnchainProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(new OnchainApiTest.QuickRetries().getConfigOverrides());
            overrides.put("veriscore.prover.profile", "onchain");
            overrides.put("veriscore.chain.anchor-interval", "PT1S");
            overrides.put("veriscore.chain.anchor-check", "1s");
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

    /**
     * A result that is never proven is still anchored: its records are in a tree head the registry holds, and the kit
     * checks that from the records answer and the chain alone; a record changed behind the kit's back fails it.
     */
    @Test
    void everyResultIsAnchoredOnChainAndTheKitChecksItAgainstTheChain() throws Exception {
        String id = Api.client().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"model\": \"stress-mlp\", \"input\": " + OnchainApiTest.TIRED.formatted(0.3) + "}")
                .post("/v1/inferences").then().statusCode(201).extract().path("id");
        JsonPath records = null;
        for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Proofs.sleep(200)) {
            records = Api.auditor().get("/v1/audit/records/{id}", id).then().statusCode(200).extract().jsonPath();
            if (records.get("anchor") != null && records.getLong("anchor.treeSize") > records.getLong("entries[0].leafIndex")) {
                break;
            }
        }
        assertTrue(records.get("anchor") != null && records.getLong("anchor.treeSize") > records.getLong("entries[0].leafIndex"),
                "anchored within a minute: " + records.prettify());

        JsonPath chain = Api.client().get("/v1/chain").then().statusCode(200).extract().jsonPath();
        String rpc = chain.getString("network.rpcUrl");
        Web3j web3j = Web3j.build(new HttpService(rpc));
        try {
            ScoreRegistry registry = ScoreRegistry.load(records.getString("anchor.registry"), web3j,
                    new ReadonlyTransactionManager(web3j, chain.getString("account")), new DefaultGasProvider());
            byte[] root = registry.anchoredRoots(java.math.BigInteger.valueOf(records.getLong("anchor.treeSize"))).send();
            assertEquals(records.getString("anchor.rootHash"), HexFormat.of().formatHex(root));
            long gas = web3j.ethGetTransactionReceipt(records.getString("anchor.transactionHash")).send().getTransactionReceipt()
                    .orElseThrow().getGasUsed().longValueExact();
            System.out.printf("Figures: a tree head anchor of %d entries through the service: gas %d%n",
                    records.getLong("anchor.treeSize"), gas);
            assertTrue(gas <= 60_000, "at most 60,000 gas per anchor: " + gas);
        } finally {
            web3j.shutdown();
        }

        java.nio.file.Path file = java.nio.file.Files.createTempFile("records", ".json");
        String answer = Api.auditor().get("/v1/audit/records/{id}", id).then().statusCode(200).extract().asString();
        java.nio.file.Files.writeString(file, answer);
        java.io.StringWriter out = new java.io.StringWriter();
        int code = new picocli.CommandLine(new io.veriscore.auditor.Verify()).setOut(new java.io.PrintWriter(out))
                .execute("--records", file.toString(), "--rpc-url", rpc);
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("PASS anchored   inference record"), out.toString());

        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var changed = json.readTree(answer);
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed.path("entries").get(0).path("body")).put("label", "changed");
        java.nio.file.Files.writeString(file, json.writeValueAsString(changed));
        java.io.StringWriter tampered = new java.io.StringWriter();
        assertEquals(1, new picocli.CommandLine(new io.veriscore.auditor.Verify()).setOut(new java.io.PrintWriter(tampered))
                .execute("--records", file.toString(), "--rpc-url", rpc), tampered.toString());
        assertTrue(tampered.toString().contains("does not hash to its leaf"), tampered.toString());
    }
}

package io.veriscore.app.proof;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.chain.OnchainApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Proofs;
import io.veriscore.contracts.generated.ScoreRegistry;
import io.veriscore.zk.CircuitSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * A batch request with "prove": true: its results proven in one batch proof, each by its own row (own commitment, own
 * salt, own logit), and recorded on the development chain in one transaction.
 */
@QuarkusTest
@TestProfile(OnchainApiTest.QuickRetries.class)
public class BatchProofApiTest {

    /** The first batch proof waits for the batch circuit to be built (about a minute on two cores). */
    public static final Duration FIRST_BATCH = Duration.ofMinutes(6);
    public static final List<String> FEATURES = List.of(
            "[0.18, 0.19, 0.025, 8.0, 0.12, 0.05, 0.71]", "[0.32, 0.33, 0.045, 5.0, 0.04, 0.18, 0.34]",
            "[0.18, 0.19, 0.025, 8.0, 0.12, 0.05, 0.72]");
    public static final String[] NAMES = {"left_eye_aspect", "right_eye_aspect", "brow_tension", "mouth_tension", "eye_symmetry",
            "mouth_opening", "time_of_day"};

    @Test
    void aBatchIsProvenInOneProofCheckedRowByRowAndRecordedInOneTransaction() throws Exception {
        List<String> inputs = FEATURES.stream().map(BatchProofApiTest::input).toList();
        String since = Instant.now().minusSeconds(1).toString();
        List<String> ids = Api.client().contentType(ContentType.JSON)
                .body("{\"model\": \"stress-mlp\", \"prove\": true, \"inputs\": " + inputs + "}")
                .post("/v1/inferences").then().statusCode(202).extract().path("results.id");
        assertEquals(3, ids.size());

        List<JsonPath> proofs = new ArrayList<>();
        for (String id : ids) {
            JsonPath proof = Proofs.awaitStatus(id, FIRST_BATCH, "proven", "failed");
            assertEquals("proven", proof.getString("status"), proof.getString("reason"));
            proofs.add(proof);
        }
        String batchId = proofs.get(0).getString("batch.id");
        for (int row = 0; row < ids.size(); row++) {
            JsonPath proof = proofs.get(row);
            assertEquals(batchId, proof.getString("batch.id"), "one proof for the whole batch");
            assertEquals(row, proof.getInt("batch.row"), "rows in the request's order");
            assertEquals(CircuitSettings.BATCH_ROWS, proof.getInt("batch.rows"));
            assertEquals("batch", proof.getString("circuit.profile"));
            assertEquals(proofs.get(0).getString("proof.hex_proof"), proof.getString("proof.hex_proof"));
            List<String> instances = proof.getList("proof.instances[0]");
            assertEquals(2 * CircuitSettings.BATCH_ROWS, instances.size());
            assertEquals(instances.get(row), proof.getString("statement.inputCommitment"), "its row's commitment");
            assertEquals(instances.get(CircuitSettings.BATCH_ROWS + row), proof.getString("statement.outputInstance"), "its row's logit");
            assertEquals(proof.getString("statement.inputCommitment"),
                    ProofApiTest.clientCommitment(FEATURES.get(row), proof.getString("secret.salt")), "the owner recomputes its row");
            double stored = Api.client().get("/v1/inferences/{id}", ids.get(row)).then().statusCode(200).extract().jsonPath().getDouble("score");
            assertEquals(stored, proof.getDouble("statement.score"), 0.01);
        }
        assertEquals(List.of("stressed", "healthy", "stressed"), proofs.stream().map(p -> p.getString("statement.label")).toList());
        assertNotEquals(proofs.get(0).getString("statement.inputCommitment"), proofs.get(2).getString("statement.inputCommitment"));

        // Anyone verifies it against the batch circuit, which the service publishes like the other.
        JsonPath verified = Api.client().contentType(ContentType.JSON)
                .body(Map.of("model", "stress-mlp", "proof", proofs.get(1).getMap("proof"))).post("/v1/proofs:verify")
                .then().statusCode(200).body("valid", is(true)).extract().jsonPath();
        assertEquals(CircuitSettings.BATCH_ROWS, verified.getList("rows").size());
        assertEquals("healthy", verified.getString("rows[1].label"));
        assertEquals(proofs.get(1).getString("statement.inputCommitment"), verified.getString("rows[1].inputCommitment"));
        Api.client().get("/v1/models/stress-mlp/circuit?profile=batch").then().statusCode(200)
                .body("rows", is(CircuitSettings.BATCH_ROWS))
                .body("verifyingKey.sha256", equalTo(proofs.get(0).getString("circuit.verifyingKeySha256")))
                .body("verifyingKey.href", equalTo("/v1/models/stress-mlp/circuit/vk.key?profile=batch"));
        Api.client().get("/v1/models/stress-mlp/circuit?profile=slow").then().statusCode(400);

        // One transaction records all three; asking for any of them finds it.
        Api.client().post("/v1/inferences/{id}/onchain", ids.get(1)).then().statusCode(202);
        JsonPath mined = OnchainApiTest.awaitOnchain(ids.get(1), "mined");
        for (String id : ids) {
            Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(202)
                    .body("submissionId", equalTo(mined.getString("submissionId"))).body("status", equalTo("mined"));
        }
        // Listings show it on every row and filter on it: the batch's own submission records them all.
        List<String> listedMined = Api.client().get("/v1/inferences?onchainStatus=mined&from={from}&limit=500", since).then().statusCode(200)
                .body("items.onchain.status", everyItem(equalTo("mined"))).extract().path("items.id");
        assertTrue(listedMined.containsAll(ids), listedMined.toString());
        List<String> listedNone = Api.client().get("/v1/inferences?onchainStatus=none&from={from}&limit=500", since).then().statusCode(200)
                .body("items.onchain", everyItem(nullValue())).extract().path("items.id");
        assertTrue(listedNone.stream().noneMatch(ids::contains), listedNone.toString());
        String csv = Api.client().get("/v1/inferences/export?format=csv&onchainStatus=mined&from={from}", since).then().statusCode(200)
                .extract().asString();
        assertTrue(csv.startsWith("id,createdAt,model,modelVersion,score,label,proof,onchain,inputSha256\n"), csv);
        for (String id : ids) {
            assertTrue(csv.lines().anyMatch(line -> line.startsWith(id + ",") && line.contains(",proven,mined,")), csv);
        }
        System.out.printf("Figures: a batch of %d results recorded in one transaction: %d gas, %d per score%n", ids.size(),
                mined.getLong("gasUsed"), mined.getLong("gasUsed") / ids.size());

        JsonPath chain = Api.client().get("/v1/chain").then().statusCode(200).extract().jsonPath();
        Web3j web3j = Web3j.build(new HttpService(chain.getString("network.rpcUrl")));
        try {
            ScoreRegistry registry = ScoreRegistry.load(chain.getString("contracts.scoreRegistry"), web3j,
                    new ReadonlyTransactionManager(web3j, chain.getString("account")), new DefaultGasProvider());
            for (int row = 0; row < ids.size(); row++) {
                var stored = registry.scores(OnchainApiTest.resultId(ids.get(row))).send();
                assertEquals(OnchainApiTest.statement(proofs.get(row)).instances().get(0), stored.component2(), "row " + row);
                assertEquals(proofs.get(row).getString("statement.label").equals("stressed"), stored.component4());
                assertEquals(mined.getLong("blockNumber"), stored.component5().longValue());
            }
        } finally {
            web3j.shutdown();
        }
        JsonPath audit = Api.auditor().post("/v1/audit/verify?proofSample=1000").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getBoolean("consistent"), audit.prettify());
    }

    private static String input(String features) {
        String[] values = features.substring(1, features.length() - 1).split(", ");
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < NAMES.length; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(NAMES[i]).append("\": ").append(values[i]);
        }
        return json.append('}').toString();
    }
}

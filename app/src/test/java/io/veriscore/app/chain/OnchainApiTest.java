package io.veriscore.app.chain;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.audit.AuditApiTest;
import io.veriscore.app.proof.ProofApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Proofs;
import io.veriscore.app.testing.WebhookReceiver;
import io.veriscore.app.webhook.WebhookApiTest;
import io.veriscore.auditor.Verify;
import io.veriscore.contracts.ResultIds;
import io.veriscore.contracts.generated.ScoreRegistry;
import io.veriscore.zk.Statement;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Proven results recorded on the development chain that the service starts (a real Anvil node), read back from the
 * chain itself, and a chain that goes away mid-submission.
 */
@QuarkusTest
@TestProfile(OnchainApiTest.QuickRetries.class)
public class OnchainApiTest {

    public static class QuickRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("veriscore.chain.enabled", "true", "veriscore.chain.receipt-timeout", "PT2S", "veriscore.chain.rpc-timeout", "PT2S",
                    "veriscore.chain.retry-backoff", "PT0.5S", "veriscore.chain.max-attempts", "30",
                    "veriscore.chain.recorders", SECOND_INSTANCE);
        }
    }

    public static final String TIRED = "{\"left_eye_aspect\": 0.18, \"right_eye_aspect\": 0.19, \"brow_tension\": 0.025,"
            + " \"mouth_tension\": 8.0, \"eye_symmetry\": 0.12, \"mouth_opening\": 0.05, \"time_of_day\": %s}";
    public static final Duration MINED = Duration.ofMinutes(2);
    /** Anvil's account #1, standing for a second instance's account: named a recorder by this service. */
    public static final String SECOND_INSTANCE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    @Inject
    ChainConnection connection;

    @Inject
    AgroalDataSource database;

    private Long frozen;

    @AfterEach
    void resume() throws Exception {
        if (frozen != null) {
            signal("CONT", frozen);
            frozen = null;
        }
    }

    @Test
    void aProvenResultIsRecordedOnChainOnceAndLogged() throws Exception {
        String id = provenResult(0.61);
        int port = WebhookReceiver.freePort();
        String webhook = WebhookApiTest.register(WebhookReceiver.url(port)).statusCode(201).extract().path("id");
        JsonPath accepted;
        JsonPath mined;
        try (WebhookReceiver receiver = WebhookReceiver.on(port)) {
            accepted = Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(202)
                    .header("Location", endsWith("/v1/inferences/" + id + "/onchain")).extract().jsonPath();
            mined = awaitOnchain(id, "mined");
            // The client's webhook is told of each step on the way, then of the end with its signed record.
            WebhookApiTest.awaitDelivery(webhook, id, d -> "onchain.mined".equals(d.getString("mine.type"))
                    && "delivered".equals(d.getString("mine.status")));
            List<JsonPath> events = Proofs.poll(() -> receiver.received().stream().map(r -> JsonPath.from(r.body()))
                    .sorted(java.util.Comparator.comparing(e -> java.time.Instant.parse(e.getString("createdAt")))).toList(),
                    received -> received.size() >= 4, Duration.ofSeconds(30));
            assertEquals(List.of("onchain.pending", "onchain.proving", "onchain.sent", "onchain.mined"),
                    events.stream().map(e -> e.getString("type")).toList());
            assertEquals("proving", events.get(1).getString("step.status"));
            assertEquals(mined.getString("txHash"), events.get(2).getString("step.txHash"));
            assertNull(events.get(2).get("record"), "a step is not a signed record");
            JsonPath event = events.get(3);
            assertEquals(mined.getString("txHash"), event.getString("record.txHash"));
        } finally {
            Api.client().delete("/v1/webhooks/{id}", webhook).then().statusCode(204);
        }
        assertEquals(accepted.getString("submissionId"), mined.getString("submissionId"));
        // A fast proof is not what is recorded (1.68M gas through the reusable verifier): the same statement is proven
        // again with the onchain profile and recorded through that circuit's own verifier.
        JsonPath onchainCircuit = Api.client().get("/v1/models/stress-mlp/circuit?profile=onchain").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("onchain", mined.getString("recordProof.profile"));
        assertEquals(onchainCircuit.getString("verifyingKey.sha256"), mined.getString("recordProof.verifyingKeySha256"));
        System.out.printf("Figures: a fast-proven result recorded by default: gas %d%n", mined.getLong("gasUsed"));
        assertTrue(mined.getLong("gasUsed") < 800_000, "the single-circuit verifier's price, not the reusable one's: "
                + mined.getLong("gasUsed"));
        assertTrue(mined.getString("txHash").matches("0x[0-9a-f]{64}"));

        // Read back from the chain: the registry holds the proof's statement for this result.
        JsonPath chain = Api.client().get("/v1/chain").then().statusCode(200)
                .body("network.chainId", is(31337)).body("network.development", is(true)).extract().jsonPath();
        assertEquals(mined.getString("registry"), chain.getString("contracts.scoreRegistry"));
        JsonPath proof = Api.client().get("/v1/inferences/{id}/proof", id).then().extract().jsonPath();
        Web3j web3j = Web3j.build(new HttpService(chain.getString("network.rpcUrl")));
        try {
            ScoreRegistry registry = ScoreRegistry.load(chain.getString("contracts.scoreRegistry"), web3j,
                    new ReadonlyTransactionManager(web3j, chain.getString("account")), new DefaultGasProvider());
            var stored = registry.scores(resultId(id)).send();
            assertEquals(mined.getString("recordProof.verifyingKeySha256"), HexFormat.of().formatHex(stored.component1()));
            assertEquals(statement(proof).instances().get(0), stored.component2());
            assertEquals(statement(proof).quantizedLogit(), stored.component3(),
                    "the registry reads the logit's field element as a signed number");
            assertEquals(proof.getDouble("statement.logit"), stored.component3().doubleValue() / (1 << 14), 1e-6);
            assertEquals(proof.getString("statement.label").equals("stressed"), stored.component4(), "the label bit");
            assertEquals(mined.getLong("blockNumber"), stored.component5().longValue());
        } finally {
            web3j.shutdown();
        }

        // Asking again changes nothing: the same submission, no second transaction.
        Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(202)
                .body("submissionId", equalTo(mined.getString("submissionId"))).body("status", equalTo("mined"));
        assertEquals(1, transactionsOf(id));

        // The outcome is a signed record in the transparency log.
        List<Map<String, Object>> entries = Api.auditor().get("/v1/audit/records/{id}", id).then().statusCode(200)
                .extract().jsonPath().getList("entries.findAll { it.kind == 'onchain' }");
        assertEquals(1, entries.size());
        assertEquals("mined", ((Map<?, ?>) entries.get(0).get("body")).get("status"));
        JsonPath verified = Api.auditor().post("/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertTrue(verified.getBoolean("consistent"), verified.prettify());
    }

    /** veriscore-verify, as a third party runs it: the saved proof answer, the published circuit, the chain's RPC. */
    @Test
    void theVerificationKitChecksAMinedScoreFromPublicDataAndCatchesATamperedOne(@TempDir Path work) throws Exception {
        String id = provenResult(0.62);
        Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(202);
        awaitOnchain(id, "mined");
        Path answer = work.resolve("proof.json");
        Files.writeString(answer, Api.client().get("/v1/inferences/{id}/proof", id).then().statusCode(200).extract().asString());
        Path circuit = Files.createDirectories(work.resolve("circuit"));
        for (String file : List.of("settings.json", "vk.key", "kzg.srs")) {
            Files.write(circuit.resolve(file), Api.client().get("/v1/models/stress-mlp/circuit/" + file).then().statusCode(200)
                    .extract().asByteArray());
        }
        JsonPath chain = Api.client().get("/v1/chain").then().statusCode(200).extract().jsonPath();
        List<String> common = List.of("--proof", answer.toString(), "--circuit", circuit.toString(), "--python", ProofApiTest.python(),
                "--rpc-url", chain.getString("network.rpcUrl"), "--registry", chain.getString("contracts.scoreRegistry"));

        Verified verified = verify(common, "--features", "0.18,0.19,0.025,8.0,0.12,0.05,0.62");
        assertEquals(0, verified.exitCode(), verified.out());
        for (String check : List.of("ezkl", "statement", "commitment", "onchain")) {
            assertTrue(verified.out().lines().anyMatch(line -> line.startsWith("PASS " + check)), check + ": " + verified.out());
        }

        Verified wrongFeatures = verify(common, "--features", "0.18,0.19,0.025,8.0,0.12,0.05,0.63", "--json");
        assertEquals(1, wrongFeatures.exitCode(), wrongFeatures.out());
        assertTrue(wrongFeatures.out().contains("\"name\":\"commitment\",\"passed\":false"), wrongFeatures.out());

        String labels = Api.client().get("/v1/models/stress-mlp/circuit").then().statusCode(200).extract().jsonPath()
                .getString("labels.negative") + ",stressed";
        assertEquals(0, verify(common, "--labels", labels).exitCode(), "the answer's label is the logit's sign's");

        // Any field of the statement edited in the saved answer no longer matches what the proof states.
        String saved = Files.readString(answer);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode statement = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(saved).get("statement");
        Map<String, com.fasterxml.jackson.databind.JsonNode> edits = Map.of(
                "score", json.getNodeFactory().numberNode(statement.get("score").asDouble() / 2),
                "logit", json.getNodeFactory().numberNode(statement.get("logit").asDouble() + 0.5),
                "score100", json.getNodeFactory().numberNode(statement.get("score100").asDouble() + 1),
                "label", json.getNodeFactory().textNode(statement.get("label").asText().equals("stressed") ? "healthy" : "stressed"),
                "outputInstance", json.getNodeFactory().textNode(statement.get("inputCommitment").asText()));
        for (var edit : edits.entrySet()) {
            com.fasterxml.jackson.databind.node.ObjectNode tampered = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(saved);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tampered.get("statement")).set(edit.getKey(), edit.getValue());
            Files.writeString(answer, json.writeValueAsString(tampered));
            Verified edited = verify(common, "--labels", labels);
            assertEquals(1, edited.exitCode(), edit.getKey() + ": " + edited.out());
            assertTrue(edited.out().lines().anyMatch(line -> line.startsWith("FAIL statement") && line.contains(edit.getKey())),
                    edit.getKey() + ": " + edited.out());
            assertTrue(edited.out().lines().anyMatch(line -> line.startsWith("PASS ezkl")), "the proof itself is still valid");
        }
    }

    /** The configured recorders are named on the registry before its first submission; nobody else may record there. */
    @Test
    void theServiceNamesItsConfiguredRecorders() throws Exception {
        String id = provenResult(0.68);
        Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(202);
        String registryAddress = awaitOnchain(id, "mined").getString("registry");
        String rpcUrl = Api.client().get("/v1/chain").then().statusCode(200).extract().path("network.rpcUrl");
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            ScoreRegistry registry = ScoreRegistry.load(registryAddress, web3j, new org.web3j.tx.ReadonlyTransactionManager(web3j,
                    registryAddress), new DefaultGasProvider());
            assertTrue(registry.recorders(SECOND_INSTANCE).send(), "the configured account is a recorder");
            assertTrue(registry.recorders(Api.client().get("/v1/chain").then().extract().path("account")).send(), "and the service's own");
            assertFalse(registry.recorders("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC").send(), "not an account nobody named");
        } finally {
            web3j.shutdown();
        }
    }

    public record Verified(int exitCode, String out) {}

    private static Verified verify(List<String> common, String... more) {
        java.io.StringWriter out = new java.io.StringWriter();
        List<String> args = new java.util.ArrayList<>(common);
        args.addAll(List.of(more));
        int code = new picocli.CommandLine(new Verify()).setOut(new java.io.PrintWriter(out)).setErr(new java.io.PrintWriter(out))
                .execute(args.toArray(String[]::new));
        return new Verified(code, out.toString());
    }

    @Test
    void aReplayedStatementIsRevertedWithItsReason() throws Exception {
        String first = provenResult(0.62);
        String second = provenResult(0.62); // the same input, but each proof commits to its own salt: two statements
        assertNotEquals(commitmentOf(first), commitmentOf(second));
        Api.client().post("/v1/inferences/{id}/onchain", first).then().statusCode(202);
        awaitOnchain(first, "mined");
        // A replay: the second result's stored proof and salt replaced by the first's, by a superuser behind the
        // service's back (and put back afterwards: the audit re-check of the other tests would rightly report it). The
        // proof made for the chain from the second's input and that salt states the first's statement again.
        List<String> original = storedProof(second);
        replaceProof(second, storedProof(first));
        try {
            Api.client().post("/v1/inferences/{id}/onchain", second).then().statusCode(202);
            JsonPath reverted = awaitOnchain(second, "reverted");
            assertTrue(reverted.getString("reason").startsWith("StatementAlreadyRecorded("), reverted.getString("reason"));
            assertTrue(reverted.getString("reason").contains(first.replace("-", "")), "names the result that holds the statement");
        } finally {
            replaceProof(second, original);
        }
    }

    /** The result's stored proof, statement and salt, as a superuser reads them. */
    public static List<String> storedProof(String id) throws Exception {
        try (Connection connection = AuditApiTest.superuser(); PreparedStatement select = connection.prepareStatement(
                "select proof_json, input_commitment, output_instance, salt from proof where inference_id = ?")) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
            }
        }
    }

    /** Replaces the result's stored proof, statement and salt, behind the service's back, as a superuser could. */
    public static void replaceProof(String id, List<String> proof) throws Exception {
        try (Connection connection = AuditApiTest.superuser()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement(); PreparedStatement update = connection.prepareStatement(
                    "update proof set proof_json = ?, input_commitment = ?, output_instance = ?, salt = ? where inference_id = ?")) {
                statement.execute("alter table proof disable trigger proof_append_only");
                for (int i = 0; i < 4; i++) {
                    update.setString(i + 1, proof.get(i));
                }
                update.setObject(5, UUID.fromString(id));
                assertEquals(1, update.executeUpdate());
                statement.execute("alter table proof enable trigger proof_append_only");
            }
            connection.commit();
        }
    }

    private static String commitmentOf(String id) {
        return Api.client().get("/v1/inferences/{id}/proof", id).then().statusCode(200).extract().path("statement.inputCommitment");
    }

    /**
     * A development chain persisted by an older version still runs that version's registry (one without submitBatch,
     * say): the service deploys the current registry beside it rather than send calls the old one cannot serve.
     */
    @Test
    void aRegistryOfOlderCodeOnAPersistedChainGetsTheCurrentOneBesideIt() throws Exception {
        String first = provenResult(0.66);
        Api.client().post("/v1/inferences/{id}/onchain", first).then().statusCode(202);
        String current = awaitOnchain(first, "mined").getString("registry");
        try (Connection connection = AuditApiTest.superuser(); var older = connection.createStatement()) {
            // A contract with code that is not this version's registry, recorded as an older version recorded its
            // deployments (without the registry code's hash): the verifier's address serves.
            assertEquals(1, older.executeUpdate("""
                    insert into chain_deployment (chain_id, genesis_hash, registry_address, verifier_address, account, created_at)
                    select chain_id, genesis_hash, verifier_address, verifier_address, account, now()
                    from chain_deployment order by id desc limit 1"""));
        }
        String second = provenResult(0.67);
        Api.client().post("/v1/inferences/{id}/onchain", second).then().statusCode(202);
        JsonPath mined = awaitOnchain(second, "mined");
        assertNotEquals(current, mined.getString("registry"), "a new registry beside the one of unknown code");
        assertTrue(Api.client().get("/v1/inferences/{id}/onchain", first).then().statusCode(200).extract().path("status")
                .equals("mined"), "the earlier record stays where it was made");
        assertEquals(mined.getString("registry"), Api.client().get("/v1/chain").then().statusCode(200).extract().path("contracts.scoreRegistry"));
    }

    @Test
    void anUnprovenResultIsAConflictAndAnUnknownOneIsNotFound() {
        String id = Api.client().contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\", \"input\": " + TIRED.formatted(0.63) + "}")
                .post("/v1/inferences").then().statusCode(201).extract().path("id");
        Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("has no proof"));
        Api.client().get("/v1/inferences/{id}/onchain", id).then().statusCode(404).contentType("application/problem+json");
        Api.client().post("/v1/inferences/{id}/onchain", UUID.randomUUID()).then().statusCode(404);
        Api.otherClient().post("/v1/inferences/{id}/onchain", id).then().statusCode(404); // another client's result
    }

    /**
     * The transaction is sent but not mined (mining paused), then the node stops answering altogether (SIGSTOP). Attempts
     * fail and are retried; once the node is back and mines, the same signed transaction is the one recorded.
     */
    @Test
    void aNodeThatGoesAwayMidSubmissionLosesNothingAndGetsNoDuplicate() throws Exception {
        String id = provenResult(0.64);
        String rpcUrl = Api.client().get("/v1/chain").then().statusCode(200).extract().path("network.rpcUrl");
        long pid = connection.devNodePid().orElseThrow();
        HttpService node = new HttpService(rpcUrl);
        Web3j web3j = Web3j.build(node);
        try {
            String account = Api.client().get("/v1/chain").then().extract().path("account");
            BigInteger sentBefore = web3j.ethGetTransactionCount(account, DefaultBlockParameterName.LATEST).send().getTransactionCount();
            rpc(node, "evm_setAutomine", false);

            Api.client().post("/v1/inferences/{id}/onchain", id).then().statusCode(202);
            awaitOnchain(id, "retrying"); // sent, and its receipt did not come in time
            signal("STOP", pid);
            frozen = pid;
            awaitEvents(id, 2); // attempts against a node that does not answer
            signal("CONT", pid);
            frozen = null;
            rpc(node, "evm_setAutomine", true);
            rpc(node, "evm_mine");

            JsonPath mined = awaitOnchain(id, "mined");
            BigInteger sentAfter = web3j.ethGetTransactionCount(account, DefaultBlockParameterName.LATEST).send().getTransactionCount();
            assertEquals(BigInteger.ONE, sentAfter.subtract(sentBefore), "exactly one transaction from the service's account");
            assertEquals(1, transactionsOf(id));
            assertEquals(storedHash(id), mined.getString("txHash"));
        } finally {
            rpc(node, "evm_setAutomine", true);
            web3j.shutdown();
        }
    }

    public static String provenResult(double timeOfDay) {
        String id = Api.client().contentType(ContentType.JSON)
                .body("{\"model\": \"stress-mlp\", \"prove\": true, \"input\": " + TIRED.formatted(timeOfDay) + "}")
                .post("/v1/inferences").then().statusCode(202).extract().path("id");
        JsonPath proof = Proofs.awaitStatus(id, ProofApiTest.FIRST_PROOF, "proven", "failed");
        assertEquals("proven", proof.getString("status"), proof.getString("reason"));
        return id;
    }

    public static JsonPath awaitOnchain(String id, String... statuses) {
        long deadline = System.nanoTime() + MINED.toNanos();
        JsonPath status;
        do {
            status = Api.client().get("/v1/inferences/{id}/onchain", id).then().statusCode(200).extract().jsonPath();
            if (Set.of(statuses).contains(status.getString("status"))) {
                return status;
            }
            Proofs.sleep(100);
        } while (System.nanoTime() < deadline);
        return fail("on-chain submission of " + id + " is still " + status.getString("status") + ": " + status.getString("reason"));
    }

    private void awaitEvents(String id, int retries) throws Exception {
        long deadline = System.nanoTime() + MINED.toNanos();
        int before = count("select count(*) from chain_event e join chain_submission s on s.id = e.submission_id "
                + "where s.inference_id = ? and e.kind = 'RETRYING'", id);
        while (count("select count(*) from chain_event e join chain_submission s on s.id = e.submission_id "
                + "where s.inference_id = ? and e.kind = 'RETRYING'", id) < before + retries) {
            if (System.nanoTime() > deadline) {
                fail("no retries against the stopped node");
            }
            Proofs.sleep(100);
        }
    }

    private int transactionsOf(String id) throws Exception {
        return count("select count(*) from chain_transaction t join chain_submission s on s.id = t.submission_id "
                + "where s.inference_id = ?", id);
    }

    private String storedHash(String id) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement q = c.prepareStatement(
                "select t.tx_hash from chain_transaction t join chain_submission s on s.id = t.submission_id where s.inference_id = ?")) {
            q.setObject(1, UUID.fromString(id));
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private int count(String sql, String id) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, UUID.fromString(id));
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** A node-specific JSON-RPC call, such as evm_mine. */
    private static void rpc(HttpService node, String method, Object... params) throws Exception {
        VoidResponse response = new Request<>(method, List.of(params), node, VoidResponse.class).send();
        if (response.hasError()) {
            fail(method + ": " + response.getError().getMessage());
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    public static byte[] resultId(String id) {
        return ResultIds.of(UUID.fromString(id));
    }

    /** The statement of a proof answer, for its instances as field elements. */
    public static Statement statement(JsonPath proof) {
        return new Statement(proof.getString("statement.inputCommitment"), proof.getString("statement.outputInstance"),
                proof.getDouble("statement.logit"));
    }
}

package io.veriscore.app.proof;

import static io.veriscore.app.testing.Inputs.RESTED;
import static io.veriscore.app.testing.Inputs.TIRED;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.inference.BiosignalApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Inputs;
import io.veriscore.app.testing.Proofs;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real EZKL proofs through the API: requested, made in the background, served, verified, and tampered with. */
@QuarkusTest
public class ProofApiTest {

    /** The first proof waits for the circuit to be built (about 10 s on two cores). */
    public static final Duration FIRST_PROOF = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static String proveOne(String input) {
        return "{\"model\": \"stress-mlp\", \"prove\": true, \"input\": " + input + "}";
    }

    public static String requestProof(String input) {
        return Api.client().contentType(ContentType.JSON).body(proveOne(input)).post("/v1/inferences")
                .then().statusCode(202)
                .header("Location", containsString("/v1/inferences/"))
                .body("proof.status", oneOf("queued", "proving"))
                .body("proof.href", matchesPattern("/v1/inferences/[0-9a-f-]{36}/proof"))
                .extract().path("id");
    }

    @Test
    void aRequestedProofIsMadeAndStatesTheStoredScore() throws Exception {
        String id = requestProof(TIRED);
        JsonPath proof = Proofs.awaitStatus(id, FIRST_PROOF, "proven", "failed");
        assertEquals("proven", proof.getString("status"), proof.getString("reason"));
        double stored = Api.client().get("/v1/inferences/{id}", id).then().statusCode(200)
                .body("proof.status", equalTo("proven")).extract().jsonPath().getDouble("score");
        assertEquals(stored, proof.getDouble("statement.score"), 0.01, "proven score within one point of ONNX Runtime's");
        assertEquals(1, proof.getInt("attempts"));
        assertTrue(proof.getBoolean("circuit.srs.development"));
        assertTrue(proof.getString("circuit.srs.warning").startsWith("INSECURE"));
        assertEquals(9, proof.getInt("circuit.logrows"));
        assertEquals("fast", proof.getString("circuit.profile"));
        assertTrue(proof.getString("circuit.provenModelSha256").matches("[0-9a-f]{64}"));
        assertEquals(1 / (1 + Math.exp(-proof.getDouble("statement.logit"))), proof.getDouble("statement.score"), 1e-6);
        assertTrue(proof.getDouble("statement.logit") > 0, "Tired is stressed: a positive logit");
        assertEquals("stressed", proof.getString("statement.label"));
        assertEquals(List.of(proof.getString("statement.inputCommitment"), proof.getString("statement.outputInstance")),
                proof.getList("proof.instances[0]"), "the statement is the proof's public instances");
        Api.client().get("/q/metrics").then().statusCode(200)
                .body(containsString("veriscore_proof_attempt_seconds_count{model=\"stress-mlp\",outcome=\"proven\"}"));
    }

    @Test
    void aResultStoredWithoutAProofIsProvenWhenAskedLaterOnce() throws Exception {
        String id = Api.client().contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\", \"input\": " + RESTED + "}")
                .post("/v1/inferences").then().statusCode(201).body("proof", nullValue()).extract().path("id");
        Api.client().get("/v1/inferences/{id}/proof", id).then().statusCode(404);
        Api.auditor().post("/v1/inferences/{id}/proof", id).then().statusCode(403);
        Api.otherClient().post("/v1/inferences/{id}/proof", id).then().statusCode(404);
        Api.client().post("/v1/inferences/{id}/proof", id).then().statusCode(202)
                .header("Location", containsString("/v1/inferences/" + id + "/proof")).body("status", oneOf("queued", "proving", "proven"));
        JsonPath proof = Proofs.awaitStatus(id, FIRST_PROOF, "proven", "failed");
        assertEquals("proven", proof.getString("status"), proof.getString("reason"));
        assertEquals(1, proof.getInt("attempts"));
        Api.client().post("/v1/inferences/{id}/proof", id).then().statusCode(202).body("status", equalTo("proven"));
        assertEquals(proof.getString("statement.inputCommitment"), Proofs.awaitStatus(id, FIRST_PROOF, "proven")
                .getString("statement.inputCommitment"), "asking again made no second proof");
        String biosignal = Api.client().contentType(ContentType.JSON).body(java.util.Map.of("model", "biosignal", "recording",
                BiosignalApiTest.recording(BiosignalApiTest.WESAD_RATES, 65))).post("/v1/inferences").then().statusCode(201)
                .extract().path("results[0].id");
        Api.client().post("/v1/inferences/{id}/proof", biosignal).then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void theOwnerAloneGetsTheSaltAndRecomputesTheCommitmentFromItsFeatures() throws Exception {
        String id = requestProof(RESTED);
        JsonPath proof = Proofs.awaitStatus(id, FIRST_PROOF, "proven");
        String commitment = proof.getString("statement.inputCommitment");
        String salt = proof.getString("secret.salt");
        assertTrue(salt.matches("[0-9a-f]{32}"), salt);
        assertTrue(proof.getDouble("statement.logit") < 0, "Rested is healthy: a negative logit");
        assertEquals("healthy", proof.getString("statement.label"));

        String features = "[0.32, 0.33, 0.045, 5.0, 0.04, 0.18, 0.34]";
        assertEquals(commitment, clientCommitment(features, salt), "what docs/ tells the owner to run");
        String tamperedSalt = salt.substring(0, 31) + (salt.endsWith("0") ? "1" : "0");
        assertNotEquals(commitment, clientCommitment(features, tamperedSalt), "a tampered salt fails the check");
        assertNotEquals(commitment, clientCommitment("[0.32, 0.33, 0.045, 5.0, 0.04, 0.18, 0.35]", salt), "so does a feature");

        // Nobody else sees it: not an auditor, not the signed log records (nor the exports made of them).
        Api.auditor().get("/v1/inferences/{id}/proof", id).then().statusCode(200)
                .body("statement.inputCommitment", equalTo(commitment)).body("secret", nullValue());
        String records = Api.auditor().get("/v1/audit/records/{id}", id).then().statusCode(200).extract().asString();
        assertTrue(records.contains(commitment), "the log records the proof's statement");
        assertTrue(!records.contains(salt), "but not its salt");
    }

    /** What the API guide tells a client to run: EZKL's Poseidon hash of the quantized features and the salt words. */
    public static String clientCommitment(String features, String salt) {
        int scale = Api.client().get("/v1/models/stress-mlp/circuit").then().statusCode(200).extract().path("inputScale");
        String script = """
                import ezkl, json, struct, sys
                features, salt, scale = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3])
                quantized = [ezkl.float_to_felt(struct.unpack("f", struct.pack("f", x))[0], scale) for x in features]
                words = [int(salt[i:i + 8], 16).to_bytes(32, "little").hex() for i in range(0, 32, 8)]
                print(ezkl.poseidon_hash(quantized + words)[0])
                """;
        try {
            Process python = new ProcessBuilder(python(), "-c", script, features, salt, String.valueOf(scale))
                    .redirectErrorStream(true).start();
            assertTrue(python.waitFor(60, TimeUnit.SECONDS));
            return new String(python.getInputStream().readAllBytes()).strip();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anyoneCanVerifyAProofAndATamperedOneIsRejected() throws Exception {
        ObjectNode tired = proofOf(requestProof(TIRED));
        ObjectNode rested = proofOf(requestProof(RESTED));

        verify(tired).body("valid", is(true)).body("statement.inputCommitment", equalTo(tired.at("/instances/0/0").asText()))
                .body("reason", nullValue())
                .body("circuit.verifyingKeySha256", matchesPattern("[0-9a-f]{64}"));

        ObjectNode flipped = tired.deepCopy();
        ArrayNode bytes = (ArrayNode) flipped.get("proof");
        bytes.set(100, bytes.get(100).asInt() ^ 1);
        flipped.remove("hex_proof");
        verify(flipped).body("valid", is(false)).body("reason", notNullValue()).body("statement", nullValue());

        ObjectNode swapped = tired.deepCopy(); // Tired's proof claiming Rested's score
        ((ArrayNode) swapped.at("/instances/0")).set(1, rested.at("/instances/0/1"));
        verify(swapped).body("valid", is(false));

        ObjectNode otherInput = tired.deepCopy(); // Tired's proof claiming Rested's input
        ((ArrayNode) otherInput.at("/instances/0")).set(0, rested.at("/instances/0/0"));
        verify(otherInput).body("valid", is(false));
    }

    @Test
    void theCircuitIsPublishedForVerificationWithEzklAlone() throws Exception {
        Proofs.awaitStatus(requestProof(TIRED), FIRST_PROOF, "proven"); // the circuit is built by then
        JsonPath circuit = Api.client().get("/v1/models/stress-mlp/circuit").then().statusCode(200)
                .body("visibility.input", equalTo("hashed")).body("visibility.output", equalTo("public"))
                .body("visibility.parameters", equalTo("fixed")).body("srs.development", is(true))
                .body("model.sha256", matchesPattern("[0-9a-f]{64}")).extract().jsonPath();
        for (String artefact : List.of("settings", "verifyingKey")) {
            byte[] file = Api.client().get(circuit.getString(artefact + ".href")).then().statusCode(200).extract().asByteArray();
            assertEquals(circuit.getString(artefact + ".sha256"), sha256(file), artefact);
        }
        byte[] srs = Api.client().get(circuit.getString("srsHref")).then().statusCode(200).extract().asByteArray();
        assertEquals(circuit.getString("srs.sha256"), sha256(srs));
        Api.client().get("/v1/models/stress-mlp/circuit/pk.key").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aBatchGetsAProofPerResultAndARetryQueuesNoSecondJob() {
        String body = "{\"model\": \"stress-mlp\", \"prove\": true, \"inputs\": [" + TIRED + ", " + RESTED + "]}";
        List<String> ids = Api.client().contentType(ContentType.JSON).header("Idempotency-Key", "prove-batch-1").body(body)
                .post("/v1/inferences").then().statusCode(202).body("results", hasSize(2))
                .body("results.proof.status", hasItem(oneOf("queued", "proving"))).extract().path("results.id");
        Api.client().contentType(ContentType.JSON).header("Idempotency-Key", "prove-batch-1").body(body).post("/v1/inferences")
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("results.id", equalTo(ids));
        for (String id : ids) {
            JsonPath proof = Proofs.awaitStatus(id, FIRST_PROOF, "proven");
            assertEquals(1, proof.getInt("attempts"), "one job per result, even after a retry");
        }
        Api.client().get("/v1/inferences?limit=500").then().statusCode(200)
                .body("items.find { it.id == '" + ids.get(0) + "' }.proof.status", equalTo("proven"));
    }

    /**
     * The circuit's provable ranges are published with the model; an input outside them, which EZKL cannot prove, is
     * refused when the proof is asked for (it once failed after three attempts), and the most extreme input inside them
     * (each feature at its published maximum, or the schema's) really is proven.
     */
    @Test
    void inputsTheCircuitCannotProveAreRefusedAndTheEdgeOfThePublishedRangesIsProven() throws Exception {
        JsonPath models = Api.client().get("/v1/models").then().statusCode(200).extract().jsonPath();
        java.util.Map<String, java.util.Map<String, Float>> ranges = models.getMap("find { it.id == 'stress-mlp' }.provableRanges");
        assertEquals(List.of("left_eye_aspect", "right_eye_aspect", "brow_tension", "mouth_tension", "eye_symmetry", "mouth_opening",
                "time_of_day"), List.copyOf(ranges.keySet()), "every input, named");
        float mouthTensionMax = ranges.get("mouth_tension").get("max");
        assertTrue(mouthTensionMax > 12 && mouthTensionMax < 1e6, "wider than the calibration data, short of 1e6: " + mouthTensionMax);
        Object none = models.get("find { it.id == 'biosignal' }.provableRanges");
        org.junit.jupiter.api.Assertions.assertNull(none, "a model that cannot be proven has none");

        String outOfRange = TIRED.replace("\"mouth_tension\": 8.0", "\"mouth_tension\": 1e6");
        Api.client().contentType(ContentType.JSON).body(proveOne(outOfRange)).post("/v1/inferences").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/input/mouth_tension"))
                .body("errors[0].detail", containsString("outside"));
        String scored = Api.client().contentType(ContentType.JSON).body(Inputs.single(outOfRange)).post("/v1/inferences")
                .then().statusCode(201).extract().path("id"); // scoring alone is fine
        Api.client().post("/v1/inferences/{id}/proof", scored).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/input/mouth_tension"));

        java.util.Map<String, Double> schemaMaximum = java.util.Map.of("left_eye_aspect", 1.0, "right_eye_aspect", 1.0,
                "brow_tension", 1.0, "eye_symmetry", 2.0, "time_of_day", 1.0);
        StringBuilder edge = new StringBuilder("{");
        for (var range : ranges.entrySet()) {
            double max = Math.min(range.getValue().get("max"), schemaMaximum.getOrDefault(range.getKey(), Double.MAX_VALUE));
            edge.append(edge.length() > 1 ? ", " : "").append('"').append(range.getKey()).append("\": ").append((float) max);
        }
        String id = Api.client().contentType(ContentType.JSON).body(proveOne(edge.append('}').toString())).post("/v1/inferences")
                .then().statusCode(202).extract().path("id");
        JsonPath proof = Proofs.awaitStatus(id, FIRST_PROOF, "proven", "failed");
        assertEquals("proven", proof.getString("status"), proof.getString("reason"));
    }

    /**
     * One client's backlog does not hold another's proof behind it: proof jobs go by each client's rank in its own
     * queue, so the other client's single proof is taken next, ahead of the backlog's remaining ten or so.
     */
    @Test
    void anotherClientsProofIsNotQueuedBehindABacklog() throws Exception {
        List<String> backlog = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String input = TIRED.replace("\"time_of_day\": 0.67", "\"time_of_day\": 0." + (10 + i));
            backlog.add(Api.client().contentType(ContentType.JSON).body(proveOne(input)).post("/v1/inferences")
                    .then().statusCode(202).extract().path("id"));
        }
        String other = Api.otherClient().contentType(ContentType.JSON).body(proveOne(RESTED)).post("/v1/inferences")
                .then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + FIRST_PROOF.toNanos();
        while (!"proven".equals(Api.otherClient().get("/v1/inferences/{id}/proof", other).then().extract().path("status"))) {
            assertTrue(System.nanoTime() < deadline, "the other client's proof is made");
            Thread.sleep(100);
        }
        long waiting = backlog.stream().filter(id -> !"proven".equals(Api.client().get("/v1/inferences/{id}", id).then()
                .extract().path("proof.status"))).count();
        assertTrue(waiting >= 6, "the other client's proof was made with " + waiting + " of the backlog's 12 still waiting");
        for (String id : backlog) {
            Proofs.awaitStatus(id, FIRST_PROOF, "proven");
        }
    }

    @Test
    void badProofRequestsAreClearProblems() {
        String id = Api.client().contentType(ContentType.JSON).body(Inputs.single(TIRED)).post("/v1/inferences")
                .then().statusCode(201).body("proof", nullValue()).extract().path("id");
        Api.client().get("/v1/inferences/{id}/proof", id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no proof was requested"));
        Api.client().contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\", \"prove\": \"yes\", \"input\": " + TIRED + "}")
                .post("/v1/inferences").then().statusCode(400).contentType("application/problem+json");
        Api.client().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\"}").post("/v1/proofs:verify")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("'proof'"));
        Api.client().contentType(ContentType.JSON).body("{\"model\": \"nope\", \"proof\": {}}").post("/v1/proofs:verify") // as %3A
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("unknown model"));
        Api.client().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"model\": \"stress-mlp\", \"proof\": {\"instances\": [[\"1\"]]}}")
                .post("/v1/proofs:verify").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/proof"));
        Api.client().get("/v1/models/nope/circuit").then().statusCode(404).contentType("application/problem+json");
    }

    private static ObjectNode proofOf(String id) throws Exception {
        Proofs.awaitStatus(id, FIRST_PROOF, "proven");
        String body = Api.client().get("/v1/inferences/{id}/proof", id).then().statusCode(200).extract().asString();
        return (ObjectNode) JSON.readTree(body).get("proof");
    }

    private static io.restassured.response.ValidatableResponse verify(ObjectNode proof) throws Exception {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("model", "stress-mlp").set("proof", proof));
        return Api.client().urlEncodingEnabled(false).contentType(ContentType.JSON).body(body).post("/v1/proofs:verify").then().statusCode(200);
    }

    public static String python() {
        return Path.of("../.veriscore/ezkl-venv/bin/python").toAbsolutePath().normalize().toString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

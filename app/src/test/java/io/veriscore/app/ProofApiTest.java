package io.veriscore.app;

import static io.veriscore.app.InferenceApiTest.RESTED;
import static io.veriscore.app.InferenceApiTest.TIRED;
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
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real EZKL proofs through the API: requested, made in the background, served, verified, and tampered with. */
@QuarkusTest
class ProofApiTest {

    /** The first proof waits for the circuit to be built (about 10 s on two cores). */
    static final Duration FIRST_PROOF = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    static String proveOne(String input) {
        return "{\"model\": \"stress-mlp\", \"prove\": true, \"input\": " + input + "}";
    }

    static String requestProof(String input) {
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
        assertEquals(11, proof.getInt("circuit.logrows"));
        assertEquals(List.of(proof.getString("statement.inputCommitment"), proof.getString("statement.outputInstance")),
                proof.getList("proof.instances[0]"), "the statement is the proof's public instances");
        Api.client().get("/q/metrics").then().statusCode(200)
                .body(containsString("veriscore_proof_attempt_seconds_count{model=\"stress-mlp\",outcome=\"proven\"}"));
    }

    @Test
    void theClientCanCheckTheCommitmentAgainstItsOwnFeatures() throws Exception {
        String id = requestProof(RESTED);
        String commitment = Proofs.awaitStatus(id, FIRST_PROOF, "proven").getString("statement.inputCommitment");
        // What README.md tells a client to run: EZKL's Poseidon hash of the features quantized at 2^inputScale.
        int scale = Api.client().get("/v1/models/stress-mlp/circuit").then().statusCode(200).extract().path("inputScale");
        String script = "import ezkl, json, sys; x = json.loads(sys.argv[1]);"
                + " print(ezkl.poseidon_hash([ezkl.float_to_felt(v, " + scale + ") for v in x])[0])";
        Process python = new ProcessBuilder(python(), "-c", script, "[0.32, 0.33, 0.045, 5.0, 0.04, 0.18, 0.34]")
                .redirectErrorStream(true).start();
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        String own = new String(python.getInputStream().readAllBytes()).strip();
        assertEquals(commitment, own);
        assertNotEquals(commitment, Proofs.awaitStatus(requestProof(TIRED), FIRST_PROOF, "proven").getString("statement.inputCommitment"));
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

    @Test
    void badProofRequestsAreClearProblems() {
        String id = Api.client().contentType(ContentType.JSON).body(InferenceApiTest.single(TIRED)).post("/v1/inferences")
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

    static String python() {
        return Path.of("../.veriscore/ezkl-venv/bin/python").toAbsolutePath().normalize().toString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

package io.veriscore.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real EZKL proofs of the stress MLP: made, verified, and rejected when tampered with. */
class EzklProverTest {

    static final List<Double> TIRED = List.of(0.18, 0.19, 0.025, 8.0, 0.12, 0.05, 0.67);
    static final List<Double> RESTED = List.of(0.32, 0.33, 0.045, 5.0, 0.04, 0.18, 0.34);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static EzklProver prover;
    static Circuit circuit;

    @BeforeAll
    static void setUpCircuit() throws Exception {
        prover = new EzklProver(Path.of(System.getProperty("veriscore.zk.python")), work, Duration.ofMinutes(5), Duration.ofMinutes(2));
        circuit = prover.setUp(new CircuitSpec(resource("stress-mlp/stress_mlp.onnx"), validationFeatures(50),
                work.resolve("circuit"), CircuitSettings.fast(), Optional.empty()));
    }

    @Test
    void provesALogitWhoseSigmoidMatchesTheModelAndVerifies() throws Exception {
        JsonNode profiles = JSON.readTree(resource("stress-mlp/metrics.json").toFile()).at("/profiles");
        Proof tired = prover.prove(circuit, TIRED, Salt.random());
        Proof rested = prover.prove(circuit, RESTED, Salt.random());
        assertEquals(profiles.at("/tired/score100").asDouble() / 100, tired.score(), 0.005, "within 0.005 of ONNX Runtime");
        assertEquals(profiles.at("/rested/score100").asDouble() / 100, rested.score(), 0.005, "within 0.005 of ONNX Runtime");
        assertTrue(tired.logit() > 0 && tired.positive(), "stressed: a positive logit " + tired.logit());
        assertTrue(rested.logit() < 0 && !rested.positive(), "healthy: a negative logit " + rested.logit());
        assertTrue(Proof.signed(tired.instances().get(1)).signum() > 0);
        assertTrue(rested.instances().get(1).compareTo(Proof.FIELD_MODULUS.shiftRight(1)) > 0, "a negative logit is p - |z|");
        assertEquals(prover.version(), tired.ezklVersion());
        assertTrue(circuit.developmentSrs());
        assertEquals("fast", circuit.profile());
        assertTrue(circuit.provenModelSha256().matches("[0-9a-f]{64}"));
        assertEquals(CircuitSettings.fast().logrows(), circuit.logrows());
        assertTrue(prover.verify(circuit, tired.json()).valid());
        assertTrue(prover.verify(circuit, rested.json()).valid());
    }

    @Test
    void theSaltedCommitmentHidesButBindsTheInputAndAClientRecomputesIt() {
        Salt salt = Salt.random();
        Proof tired = prover.prove(circuit, TIRED, salt);
        assertEquals(tired.inputCommitment(), prover.commitment(circuit, TIRED, salt), "a client recomputes the commitment");
        assertEquals(tired.inputCommitment(), prover.prove(circuit, TIRED, salt).inputCommitment());
        assertNotEquals(tired.inputCommitment(), prover.prove(circuit, TIRED, Salt.random()).inputCommitment(),
                "the same features under another salt: another commitment");
        assertNotEquals(tired.inputCommitment(), prover.commitment(circuit, RESTED, salt));
        char last = salt.hex().charAt(31);
        Salt tamperedSalt = new Salt(salt.hex().substring(0, 31) + (last == '0' ? '1' : '0'));
        assertNotEquals(tired.inputCommitment(), prover.commitment(circuit, TIRED, tamperedSalt), "a tampered salt fails");
        List<Double> tamperedFeature = new ArrayList<>(TIRED);
        tamperedFeature.set(0, TIRED.get(0) + 1.0 / (1 << circuit.inputScale()));
        assertNotEquals(tired.inputCommitment(), prover.commitment(circuit, tamperedFeature, salt), "a tampered feature fails");
    }

    @Test
    void theLargestSaltIsProvable() {
        Salt largest = new Salt("f".repeat(32));
        Proof proof = prover.prove(circuit, TIRED, largest);
        assertTrue(prover.verify(circuit, proof.json()).valid());
        assertEquals(proof.inputCommitment(), prover.commitment(circuit, TIRED, largest));
    }

    @Test
    void aTamperedProofIsRejected() throws Exception {
        ObjectNode proof = (ObjectNode) JSON.readTree(prover.prove(circuit, TIRED, Salt.random()).json());
        ArrayNode bytes = (ArrayNode) proof.get("proof"); // the proof transcript as byte values
        int at = bytes.size() / 2;
        bytes.set(at, bytes.get(at).asInt() ^ 1); // flip one bit
        proof.remove("hex_proof");
        assertFalse(prover.verify(circuit, JSON.writeValueAsString(proof)).valid());
    }

    @Test
    void aSwappedPublicInstanceIsRejected() throws Exception {
        ObjectNode tired = (ObjectNode) JSON.readTree(prover.prove(circuit, TIRED, Salt.random()).json());
        JsonNode rested = JSON.readTree(prover.prove(circuit, RESTED, Salt.random()).json());
        ((ArrayNode) tired.get("instances").get(0)).set(1, rested.get("instances").get(0).get(1)); // claim Rested's score
        assertFalse(prover.verify(circuit, JSON.writeValueAsString(tired)).valid());
    }

    @Test
    void aProofIsBoundToItsCircuitsVerifyingKey() throws Exception {
        // The same network at scale 2^13 is another circuit with another verifying key.
        Circuit other = prover.setUp(new CircuitSpec(resource("stress-mlp/stress_mlp.onnx"), validationFeatures(20),
                work.resolve("other"), new CircuitSettings("other", 13, 256, 4, 9, 2, 1), Optional.empty()));
        assertNotEquals(circuit.verifyingKeySha256(), other.verifyingKeySha256());
        Proof proof = prover.prove(circuit, TIRED, Salt.random());
        assertTrue(prover.verify(circuit, proof.json()).valid());
        assertFalse(prover.verify(other, proof.json()).valid());
    }

    @Test
    void theLogitComesFromTheBoundInstanceNotFromThePrettyCopy() throws Exception {
        ObjectNode proof = (ObjectNode) JSON.readTree(prover.prove(circuit, TIRED, Salt.random()).json());
        double bound = Proof.parse(proof.toString(), circuit).logit();
        ((ArrayNode) proof.at("/pretty_public_inputs/rescaled_outputs/0")).set(0, "-9.5");
        assertEquals(bound, Proof.parse(proof.toString(), circuit).logit());
        assertTrue(prover.verify(circuit, proof.toString()).valid(), "EZKL does not check the pretty copy");
    }

    @Test
    void aBatchProofIsCheckedRowByRow() throws Exception {
        Circuit batch = prover.setUp(new CircuitSpec(resource("stress-mlp/stress_mlp.onnx"), validationFeatures(50),
                work.resolve("batch"), CircuitSettings.batch(), Optional.empty()));
        assertEquals(CircuitSettings.BATCH_ROWS, batch.rows());
        assertEquals(CircuitSettings.batch().logrows(), batch.logrows());
        Salt tiredSalt = Salt.random();
        Salt restedSalt = Salt.random();
        BatchProof proof = prover.proveBatch(batch, List.of(TIRED, RESTED), List.of(tiredSalt, restedSalt));
        assertTrue(prover.verify(batch, proof.json()).valid());
        assertEquals(CircuitSettings.BATCH_ROWS, proof.rows().size(), "filled up to the circuit's rows");
        assertEquals(2 * CircuitSettings.BATCH_ROWS, proof.instances().size());

        Statement tired = proof.rows().get(0);
        Statement rested = proof.rows().get(1);
        assertEquals(prover.commitment(batch, TIRED, tiredSalt), tired.inputCommitment(), "a client recomputes its row");
        assertEquals(prover.commitment(circuit, TIRED, tiredSalt), tired.inputCommitment(), "as for a single proof");
        assertEquals(prover.commitment(batch, RESTED, restedSalt), rested.inputCommitment());
        assertEquals(prover.prove(circuit, TIRED, tiredSalt).logit(), tired.logit(), 1e-12, "the same logit as alone");
        assertEquals(prover.prove(circuit, RESTED, restedSalt).logit(), rested.logit(), 1e-12);
        assertTrue(tired.positive() && !rested.positive());
        List<Double> zeros = Collections.nCopies(TIRED.size(), 0.0);
        assertEquals(prover.commitment(batch, zeros, BatchProof.FILLER_SALT), proof.rows().get(2).inputCommitment(),
                "the documented filler");

        ObjectNode swapped = (ObjectNode) JSON.readTree(proof.json());
        ArrayNode instances = (ArrayNode) swapped.get("instances").get(0);
        JsonNode tiredLogit = instances.get(CircuitSettings.BATCH_ROWS);
        instances.set(CircuitSettings.BATCH_ROWS, instances.get(CircuitSettings.BATCH_ROWS + 1));
        instances.set(CircuitSettings.BATCH_ROWS + 1, tiredLogit);
        assertFalse(prover.verify(batch, JSON.writeValueAsString(swapped)).valid(), "rows cannot trade their logits");
        assertThrows(ProverException.class, () -> Proof.parse(proof.json(), circuit), "not a proof of one row");
        assertThrows(IllegalArgumentException.class, () -> prover.prove(batch, TIRED, tiredSalt));
    }

    @Test
    void malformedProofsAreClearErrors() {
        assertThrows(ProverException.class, () -> Proof.parse("not json", circuit));
        assertThrows(ProverException.class, () -> Proof.parse("{\"instances\": [[\"00\"]]}", circuit));
        ProverException notInField = assertThrows(ProverException.class, () -> Proof.parse(
                "{\"instances\": [[\"" + "0".repeat(64) + "\", \"" + "f".repeat(64) + "\"]]}", circuit));
        assertTrue(notInField.getMessage().contains("not elements of BN254's scalar field"), notInField.getMessage());
        ProverException huge = assertThrows(ProverException.class, () -> Proof.parse(
                "{\"instances\": [[\"" + "0".repeat(64) + "\", \"" + "0".repeat(14) + "01" + "0".repeat(48) + "\"]]}", circuit));
        assertTrue(huge.getMessage().contains("implausible logit"), huge.getMessage());
    }

    @Test
    void aProofThatRunsPastItsTimeoutIsKilledAndReported() {
        EzklProver impatient = new EzklProver(Path.of(System.getProperty("veriscore.zk.python")), work,
                Duration.ofMinutes(5), Duration.ofMillis(200));
        ProverException e = assertThrows(ProverException.class, () -> impatient.prove(circuit, TIRED, Salt.random()));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void aWorkerThatDiesMidProofIsReportedAndReplaced() throws Exception {
        try (EzklProver own = new EzklProver(Path.of(System.getProperty("veriscore.zk.python")), work,
                Duration.ofMinutes(5), Duration.ofMinutes(2))) {
            own.prove(circuit, TIRED, Salt.random()); // starts its worker
            long pid = own.workerPids().get(0);
            java.util.concurrent.CompletableFuture<Proof> proving = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> own.prove(circuit, RESTED, Salt.random()));
            Thread.sleep(150); // a proof takes about half a second
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL, as the OOM killer would
            java.util.concurrent.ExecutionException died = assertThrows(java.util.concurrent.ExecutionException.class, proving::get);
            assertTrue(died.getCause().getMessage().contains("worker died during prove"), died.getCause().getMessage());
            Proof next = own.prove(circuit, TIRED, Salt.random());
            assertTrue(own.verify(circuit, next.json()).valid(), "a fresh worker takes over");
            assertNotEquals(pid, own.workerPids().get(0));
        }
    }

    @Test
    void aMissingEzklIsAClearError() {
        ProverException e = assertThrows(ProverException.class,
                () -> new EzklProver(Path.of("/nonexistent/python"), work, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("cannot run /nonexistent/python"), e.getMessage());
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(EzklProverTest.class.getClassLoader().getResource(name).toURI());
    }

    static List<List<Double>> validationFeatures(int count) throws Exception {
        List<List<Double>> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(resource("stress-mlp/dataset.csv"), StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line = reader.readLine(); line != null && rows.size() < count; line = reader.readLine()) {
                String[] cells = line.split(",");
                if (cells[8].equals("val")) {
                    rows.add(Arrays.stream(cells, 0, 7).map(Double::valueOf).toList());
                }
            }
        }
        return rows;
    }
}

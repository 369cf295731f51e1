package io.veriscore.app.proof;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.InferenceRepository;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.zk.BatchProof;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.CircuitSettings;
import io.veriscore.zk.Proof;
import io.veriscore.zk.ProverException;
import io.veriscore.zk.Statement;
import io.veriscore.zk.Verification;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Verifying anyone's proof, re-verifying the stored ones, and the circuits a verifier needs. */
@ApplicationScoped
public class ProofChecks {

    private final ProofEngine engine;
    private final ProofService requests;
    private final ProofRepository proofs;
    private final ModelRegistry models;
    private final InferenceRepository inferences;

    ProofChecks(ProofEngine engine, ProofService requests, ProofRepository proofs, ModelRegistry models, InferenceRepository inferences) {
        this.engine = engine;
        this.requests = requests;
        this.proofs = proofs;
        this.models = models;
        this.inferences = inferences;
    }

    /** The outcome of verifying a proof, and what a valid one states: one statement, or one per row of a batch. */
    public record Checked(LoadedModel model, Circuit circuit, Verification verification, List<Statement> statements) {}

    /**
     * Verifies {@code proof} against the verifying key of {@code modelId}, trusting nothing stored: a proof with a batch's
     * instances against the model's batch circuit, any other against its circuit.
     */
    public Checked verify(String modelId, JsonNode proof) {
        LoadedModel model = models.requested(modelId);
        requests.checkProvable(model);
        boolean batch = proof.path("instances").path(0).size() == 2 * CircuitSettings.BATCH_ROWS;
        Circuit circuit = engine.readyCircuit(model, batch ? CircuitSettings.batch() : engine.settings());
        String json = proof.toString();
        List<Statement> statements;
        try {
            statements = batch ? BatchProof.parse(json, circuit).rows() : List.of(Proof.parse(json, circuit).statement());
        } catch (ProverException e) {
            throw VeriscoreException.unprocessable("not a proof of this model: " + e.getMessage(),
                    List.of(new VeriscoreException.FieldError("/proof", e.getMessage())));
        }
        Verification verification;
        try {
            verification = engine.verify(circuit, json);
        } catch (ProverException e) { // no verifier free in time, or EZKL failed: the proof is not at fault
            throw VeriscoreException.unavailable("the proof could not be verified now: " + e.getMessage(), 5);
        }
        return new Checked(model, circuit, verification, verification.valid() ? statements : List.of());
    }

    /** The statement a stored proof makes of its result: its row's, for a proof of a batch. */
    private static Statement statementOf(ProofRecord stored, Circuit circuit) {
        return stored.batchRow == null ? Proof.parse(stored.proofJson, circuit).statement()
                : BatchProof.parse(stored.proofJson, circuit).rows().get(stored.batchRow);
    }

    /** A stored proof that no longer checks out. */
    public record Finding(UUID inferenceId, String problem) {}

    /** The outcome of re-verifying a sample of the stored proofs. */
    public record Recheck(int checked, List<Finding> findings) {}

    /**
     * Re-verifies up to {@code sample} stored proofs, picked at random, with EZKL against their model's current circuit,
     * and checks that each still states the stored commitment and score.
     */
    public Recheck recheck(int sample) {
        if (sample <= 0) {
            return new Recheck(0, List.of());
        }
        engine.requireAvailable();
        List<ProofRecord> picked = QuarkusTransaction.requiringNew().call(() -> proofs.sample(sample));
        List<Finding> problems = new ArrayList<>();
        for (ProofRecord stored : picked) {
            InferenceRecord result = QuarkusTransaction.requiringNew().call(() -> inferences.findById(stored.inferenceId));
            Optional<LoadedModel> model = Optional.ofNullable(result).flatMap(r -> models.find(r.modelId, r.modelSha256));
            if (model.isEmpty()) {
                problems.add(new Finding(stored.inferenceId, "its model is not loaded; the proof was not re-verified"));
                continue;
            }
            Circuit circuit = engine.circuitOf(model.get(), stored.batchId != null);
            Verification verification = engine.verify(circuit, stored.proofJson);
            if (!verification.valid()) {
                problems.add(new Finding(stored.inferenceId, "the stored proof does not verify: " + verification.reason()));
                continue;
            }
            Statement statement = statementOf(stored, circuit);
            if (!statement.inputCommitment().equals(stored.inputCommitment) || !statement.outputInstance().equals(stored.outputInstance)) {
                problems.add(new Finding(stored.inferenceId, "the stored proof states other instances than its row"));
            }
        }
        return new Recheck(picked.size(), problems);
    }

    /** The circuit profile of single proofs. */
    public String profile() {
        return engine.settings().profile();
    }

    /** The model's circuit of a profile: this instance's, the batch one, or the onchain one records are proven with. */
    public Circuit circuit(String modelId, CircuitSettings profile) {
        LoadedModel model = models.get(modelId);
        requests.checkProvable(model);
        return engine.readyCircuit(model, profile);
    }
}

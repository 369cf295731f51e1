package io.veriscore.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.transparency.LogAudit;
import io.veriscore.transparency.Sha256;
import io.veriscore.zk.BatchProof;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.EzklProver;
import io.veriscore.zk.Proof;
import io.veriscore.zk.ProverException;
import io.veriscore.zk.Statement;
import io.veriscore.zk.Verification;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an exported proof with EZKL against the published circuit whose verifying key its signed record names: the
 * file is the one the record names (SHA-256), EZKL accepts it, and its public instances are the commitment and logit
 * the record states (for a batch proof, those of the record's row).
 */
public final class ProofCheck implements LogAudit.ProofChecker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EzklProver prover;
    private final Map<String, Circuit> circuits = new HashMap<>();

    /** @param circuitDirectories published circuits (a model's, its batch circuit), told apart by their verifying keys */
    public ProofCheck(Path python, List<Path> circuitDirectories, Path work) {
        this.prover = new EzklProver(python, work, Duration.ofMinutes(5), Duration.ofMinutes(2));
        for (Path directory : circuitDirectories) {
            Circuit circuit = Circuit.published(directory, prover.version());
            circuits.put(circuit.verifyingKeySha256(), circuit);
        }
    }

    /** The problem with the entry's proof, or empty when it checks out. */
    @Override
    public Optional<String> check(JsonNode entry) {
        String proofFile = entry.path("proofFile").asText();
        try {
            JsonNode record = JSON.readTree(entry.path("body").asText());
            if (!record.path("proofSha256").asText().equals(Sha256.hex(proofFile))) {
                return Optional.of("the exported proof file is not the one its signed record names");
            }
            Circuit circuit = circuits.get(record.path("verifyingKeySha256").asText());
            if (circuit == null) {
                return Optional.of("no --circuit given has the verifying key its signed record names ("
                        + record.path("verifyingKeySha256").asText() + "): the proof was not checked");
            }
            Verification verification = prover.verify(circuit, proofFile);
            if (!verification.valid()) {
                return Optional.of("EZKL rejects the proof: " + verification.reason());
            }
            Statement statement = record.has("batchRow")
                    ? BatchProof.parse(proofFile, circuit).rows().get(record.path("batchRow").asInt())
                    : Proof.parse(proofFile, circuit).statement();
            if (!statement.inputCommitment().equals(record.path("inputCommitment").asText())
                    || !statement.outputInstance().equals(record.path("outputInstance").asText())) {
                return Optional.of("the proof's public instances are not the ones its signed record states");
            }
            return Optional.empty();
        } catch (IOException | ProverException e) {
            return Optional.of("the proof cannot be checked: " + e.getMessage());
        }
    }
}

package io.veriscore.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.EzklProver;
import io.veriscore.zk.Proof;
import io.veriscore.zk.ProverException;
import io.veriscore.zk.Verification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks an exported proof with EZKL against a published circuit: the file is the one the signed record names
 * (SHA-256), EZKL accepts it, and its public instances are the commitment and score the record states.
 */
public final class ProofCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EzklProver prover;
    private final Circuit circuit;

    public ProofCheck(Path python, Path circuitDirectory, Path work) {
        this.prover = new EzklProver(python, work, Duration.ofMinutes(5), Duration.ofMinutes(2));
        this.circuit = Circuit.published(circuitDirectory, prover.version());
    }

    /** The problem with the entry's proof, or empty when it checks out. */
    public Optional<String> check(JsonNode entry) {
        String proofFile = entry.path("proofFile").asText();
        try {
            JsonNode record = JSON.readTree(entry.path("body").asText());
            if (!record.path("proofSha256").asText().equals(sha256(proofFile))) {
                return Optional.of("the exported proof file is not the one its signed record names");
            }
            Verification verification = prover.verify(circuit, proofFile);
            if (!verification.valid()) {
                return Optional.of("EZKL rejects the proof: " + verification.reason());
            }
            Proof proof = Proof.parse(proofFile, circuit);
            if (!proof.inputCommitment().equals(record.path("inputCommitment").asText())
                    || !proof.outputInstance().equals(record.path("outputInstance").asText())) {
                return Optional.of("the proof's public instances are not the ones its signed record states");
            }
            return Optional.empty();
        } catch (IOException | ProverException e) {
            return Optional.of("the proof cannot be checked: " + e.getMessage());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.veriscore.app.chain;

import io.veriscore.app.log.LogRecord;
import io.veriscore.transparency.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An on-chain submission that ended: mined (block, gas, transaction), reverted (reason) or failed (reason), with
 * {@code recordProof}, the proof recorded when it is not the result's own (an onchain-profile or a batch proof).
 */
public record OnchainLogRecord(ChainSubmission submission, ChainDeployment deployment, ChainEvent end,
        Optional<RecordProof> recordProof) implements LogRecord {

    public static final String KIND = "onchain";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public UUID subjectId() {
        return submission.inferenceId;
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "onchain");
        body.put("inferenceId", submission.inferenceId.toString());
        body.put("submissionId", submission.id.toString());
        body.put("status", end.kind.name().toLowerCase());
        body.put("chainId", deployment.chainId);
        body.put("genesisHash", deployment.genesisHash);
        body.put("registry", deployment.registryAddress);
        if (end.txHash != null) {
            body.put("txHash", end.txHash);
        }
        if (end.blockNumber != null) {
            body.put("blockNumber", end.blockNumber);
            body.put("gasUsed", end.gasUsed);
        }
        if (end.reason != null) {
            body.put("reason", end.reason);
        }
        recordProof.ifPresent(proof -> body.put("recordProof", Map.of("profile", proof.profile,
                "verifyingKeySha256", proof.verifyingKeySha256, "proofSha256", Sha256.hex(proof.proofJson.getBytes(StandardCharsets.UTF_8)))));
        body.put("createdAt", end.createdAt.toString());
        return body;
    }
}

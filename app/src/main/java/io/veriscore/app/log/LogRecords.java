package io.veriscore.app.log;

import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.proof.ProofEvent;
import io.veriscore.app.proof.ProofRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the log records of a result and of its proof: a pure function of the stored rows, so an auditor can
 * recompute each record from the database and find any row changed after it was signed.
 */
public final class LogRecords {

    private LogRecords() {}

    public static Map<String, Object> inference(InferenceRecord r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "inference");
        body.put("id", r.id.toString());
        body.put("model", Map.of("id", r.modelId, "version", r.modelVersion, "sha256", r.modelSha256));
        body.put("inputSha256", r.inputSha256);
        body.put("score", r.score);
        body.put("label", r.label);
        body.put("details", r.details);
        body.put("warnings", r.warnings);
        body.put("createdAt", r.createdAt.toString());
        body.put("client", r.client);
        return body;
    }

    /** A proof made for result {@code inferenceId}; the proof file itself is bound by its SHA-256. */
    public static Map<String, Object> proof(ProofRecord p, String proofSha256) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "proof");
        body.put("inferenceId", p.inferenceId.toString());
        body.put("status", "proven");
        body.put("proofSha256", proofSha256);
        body.put("inputCommitment", p.inputCommitment);
        body.put("outputInstance", p.outputInstance);
        if (p.logit != null) { // the salt stays out: it is the result owner's secret
            body.put("logit", p.logit);
        }
        body.put("score", p.score);
        if (p.label != null) {
            body.put("label", p.label);
            body.put("profile", p.profile);
            body.put("provenModelSha256", p.provenModelSha256);
        }
        if (p.batchId != null) { // the proof file is the whole batch's: this result's statement is its row
            body.put("batchId", p.batchId.toString());
            body.put("batchRow", p.batchRow);
        }
        body.put("ezklVersion", p.ezklVersion);
        body.put("logrows", p.logrows);
        body.put("settingsSha256", p.settingsSha256);
        body.put("verifyingKeySha256", p.verifyingKeySha256);
        body.put("srsSha256", p.srsSha256);
        body.put("developmentSrs", p.developmentSrs);
        body.put("createdAt", p.createdAt.toString());
        return body;
    }

    /** A proof job that gave up: its last event, with the reason. */
    public static Map<String, Object> proofFailure(ProofEvent failed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "proof");
        body.put("inferenceId", failed.inferenceId.toString());
        body.put("status", "failed");
        body.put("attempts", failed.attempt);
        body.put("reason", failed.reason);
        body.put("createdAt", failed.createdAt.toString());
        return body;
    }

    /** An on-chain submission that ended: mined (block, gas, transaction), reverted (reason) or failed (reason). */
    public static Map<String, Object> onchain(io.veriscore.app.chain.ChainSubmission submission,
            io.veriscore.app.chain.ChainDeployment deployment, io.veriscore.app.chain.ChainEvent end) {
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
        body.put("createdAt", end.createdAt.toString());
        return body;
    }
}

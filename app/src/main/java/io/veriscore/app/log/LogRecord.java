package io.veriscore.app.log;

import io.veriscore.app.chain.ChainDeployment;
import io.veriscore.app.chain.ChainEvent;
import io.veriscore.app.chain.ChainSubmission;
import io.veriscore.app.chain.RecordProof;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.proof.ProofEvent;
import io.veriscore.app.proof.ProofRecord;
import io.veriscore.transparency.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A record of the transparency log, one type per kind. Each body is a pure function of the stored rows, so an
 * auditor can recompute every record from the database and find any row changed after it was signed.
 */
public sealed interface LogRecord {

    /** The kinds as stored in {@code log_entry.kind}; a failed proof is a {@code proof} record with status failed. */
    enum Kind {
        INFERENCE, PROOF, ONCHAIN;

        public String column() {
            return name().toLowerCase();
        }

        public static Kind of(String column) {
            return valueOf(column.toUpperCase());
        }
    }

    Kind kind();

    /** The result the record concerns. */
    UUID subjectId();

    /** What is canonicalized, signed and hashed. */
    Map<String, Object> body();

    record Inference(InferenceRecord r) implements LogRecord {
        @Override
        public Kind kind() {
            return Kind.INFERENCE;
        }

        @Override
        public UUID subjectId() {
            return r.id;
        }

        @Override
        public Map<String, Object> body() {
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
    }

    /** A proof made for a result; the proof file itself is bound by its SHA-256. */
    record Proof(ProofRecord p) implements LogRecord {
        @Override
        public Kind kind() {
            return Kind.PROOF;
        }

        @Override
        public UUID subjectId() {
            return p.inferenceId;
        }

        @Override
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "proof");
            body.put("inferenceId", p.inferenceId.toString());
            body.put("status", "proven");
            body.put("proofSha256", Sha256.hex(p.proofJson));
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
    }

    /** A proof job that gave up: its last event, with the reason. */
    record ProofFailure(ProofEvent failed) implements LogRecord {
        @Override
        public Kind kind() {
            return Kind.PROOF;
        }

        @Override
        public UUID subjectId() {
            return failed.inferenceId;
        }

        @Override
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "proof");
            body.put("inferenceId", failed.inferenceId.toString());
            body.put("status", "failed");
            body.put("attempts", failed.attempt);
            body.put("reason", failed.reason);
            body.put("createdAt", failed.createdAt.toString());
            return body;
        }
    }

    /**
     * An on-chain submission that ended: mined (block, gas, transaction), reverted (reason) or failed (reason), with
     * {@code recordProof}, the proof recorded when it is not the result's own (an onchain-profile or a batch proof).
     */
    record Onchain(ChainSubmission submission, ChainDeployment deployment, ChainEvent end, Optional<RecordProof> recordProof)
            implements LogRecord {
        @Override
        public Kind kind() {
            return Kind.ONCHAIN;
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
}

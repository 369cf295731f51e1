package io.veriscore.app.proof;

import io.veriscore.app.log.LogRecord;
import io.veriscore.transparency.Sha256;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A proof made for a result; the proof file itself is bound by its SHA-256. */
public record ProofLogRecord(ProofRecord p) implements LogRecord {

    public static final String KIND = "proof";

    @Override
    public String kind() {
        return KIND;
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

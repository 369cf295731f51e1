package io.veriscore.app.proof;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A proof of a stored result, exactly as EZKL produced it, with the identities of its circuit. */
@Entity
@Immutable
@Table(name = "proof")
public class ProofRecord {

    @Id
    @Column(name = "inference_id")
    public UUID inferenceId;

    @Column(name = "proof_json")
    public String proofJson;

    /** Poseidon commitment to the private input: the first public instance. */
    @Column(name = "input_commitment")
    public String inputCommitment;

    /** The quantized logit as a field element (p - |z| when negative): the second public instance. */
    @Column(name = "output_instance")
    public String outputInstance;

    /** The logit the proof states, dequantized; null for proofs of the score circuits before V9. */
    public Double logit;

    /** The score the proof states: sigmoid(logit). */
    public double score;

    /** The label the proof states: the model's positive label exactly when the logit is at least 0. */
    public String label;

    /**
     * The random salt committed with the input (32 hex digits): the result owner's secret, with which it recomputes
     * the commitment. Never in the log, exports, listings or on-chain.
     */
    public String salt;

    /** The circuit profile (fast, onchain) of the proof's circuit. */
    public String profile;

    /** SHA-256 of the proven graph derived from the model (cut before its Sigmoid, salted). */
    @Column(name = "proven_model_sha256")
    public String provenModelSha256;

    /** The batch proven together, when the result was proven in one (proofJson is then the whole batch's proof). */
    @Column(name = "batch_id")
    public UUID batchId;

    /** The result's row in the batch proof: its commitment is instance row, its logit instance rows + row. */
    @Column(name = "batch_row")
    public Integer batchRow;

    @Column(name = "ezkl_version")
    public String ezklVersion;

    public int logrows;

    @Column(name = "settings_sha256")
    public String settingsSha256;

    @Column(name = "verifying_key_sha256")
    public String verifyingKeySha256;

    @Column(name = "srs_sha256")
    public String srsSha256;

    /** True when the SRS was generated locally: such a proof is insecure. */
    @Column(name = "development_srs")
    public boolean developmentSrs;

    @Column(name = "created_at")
    public Instant createdAt;
}

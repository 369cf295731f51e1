package io.veriscore.app.persistence;

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

    /** The quantized score as a field element: the second public instance. */
    @Column(name = "output_instance")
    public String outputInstance;

    /** The score the proof states, dequantized. */
    public double score;

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

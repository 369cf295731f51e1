package io.veriscore.app.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * The proof a submission records when the result's own proof would be dear to verify on-chain: the same statement
 * (input commitment and logit) proven again with the {@code onchain} circuit profile, whose single-circuit verifier
 * costs far less gas than the reusable verifier a {@code fast} proof needs.
 */
@Entity
@Immutable
@Table(name = "record_proof")
public class RecordProof {

    @Id
    @Column(name = "submission_id")
    public UUID submissionId;

    public String profile;

    @Column(name = "verifying_key_sha256")
    public String verifyingKeySha256;

    @Column(name = "proof_json")
    public String proofJson;

    @Column(name = "created_at")
    public Instant createdAt;
}

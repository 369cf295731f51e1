package io.veriscore.app.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A model version (its verifying key) registered with a deployment's ScoreRegistry. */
@Entity
@Immutable
@Table(name = "chain_model")
@IdClass(ChainModel.Key.class)
public class ChainModel {

    public record Key(Long deploymentId, String verifyingKeySha256) implements Serializable {}

    @Id
    @Column(name = "deployment_id")
    public Long deploymentId;

    @Id
    @Column(name = "verifying_key_sha256")
    public String verifyingKeySha256;

    /** The digest of the VKA the reusable verifier checks proofs against; null for a single-circuit verifier. */
    @Column(name = "vka_digest")
    public String vkaDigest;

    /** The contract that verifies this model version's proofs. */
    @Column(name = "verifier_address")
    public String verifierAddress;

    @Column(name = "created_at")
    public Instant createdAt;
}

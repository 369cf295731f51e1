package io.veriscore.app.proof;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A client asked for a result to be proven; stored with the result, so an acknowledged request is never lost. */
@Entity
@Immutable
@Table(name = "proof_request")
public class ProofRequest {

    @Id
    @Column(name = "inference_id")
    public UUID inferenceId;

    @Column(name = "requested_at")
    public Instant requestedAt;
}

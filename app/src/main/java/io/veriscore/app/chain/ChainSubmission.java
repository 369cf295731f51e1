package io.veriscore.app.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A client asked for a proven result to be recorded on-chain. */
@Entity
@Immutable
@Table(name = "chain_submission")
public class ChainSubmission {

    @Id
    public UUID id;

    @Column(name = "inference_id")
    public UUID inferenceId;

    @Column(name = "deployment_id")
    public Long deploymentId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** A new submission of the result to the deployment, asked for now. */
    static ChainSubmission of(UUID inferenceId, long deploymentId) {
        ChainSubmission submission = new ChainSubmission();
        submission.id = UUID.randomUUID();
        submission.inferenceId = inferenceId;
        submission.deploymentId = deploymentId;
        submission.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return submission;
    }
}

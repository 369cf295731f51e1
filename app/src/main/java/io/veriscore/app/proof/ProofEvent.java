package io.veriscore.app.proof;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One step of a proof job. A job's status is its latest event; events are never updated. */
@Entity
@Immutable
@Table(name = "proof_event")
public class ProofEvent {

    public enum Kind { STARTED, RETRYING, PROVEN, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "inference_id")
    public UUID inferenceId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public int attempt;

    /** Why an attempt or the job failed. */
    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;
}

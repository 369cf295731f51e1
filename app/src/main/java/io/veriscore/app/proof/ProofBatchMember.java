package io.veriscore.app.proof;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A result proven in a batch: the batch proof's row that states it, fixed when the result is stored. */
@Entity
@Immutable
@Table(name = "proof_batch_member")
public class ProofBatchMember {

    @Id
    @Column(name = "inference_id")
    public UUID inferenceId;

    @Column(name = "batch_id")
    public UUID batchId;

    @Column(name = "batch_row")
    public int row;
}

package io.veriscore.app.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A submission recorded in a record batch: row {@code batchRow} of the batch proof carried, with its one transaction,
 * by the submission {@code carrierId} (the batch's first member, which is a member too).
 */
@Entity
@Immutable
@Table(name = "record_batch_member")
public class RecordBatchMember {

    @Id
    @Column(name = "submission_id")
    public UUID submissionId;

    @Column(name = "carrier_id")
    public UUID carrierId;

    @Column(name = "batch_row")
    public int batchRow;
}

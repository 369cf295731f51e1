package io.veriscore.app.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** The one signed transaction of a submission, stored before it is sent so that it is never signed twice. */
@Entity
@Immutable
@Table(name = "chain_transaction")
public class ChainTransaction {

    @Id
    @Column(name = "submission_id")
    public UUID submissionId;

    @Column(name = "deployment_id")
    public Long deploymentId;

    public String account;

    public long nonce;

    @Column(name = "tx_hash")
    public String txHash;

    @Column(name = "signed_tx")
    public String signedTx;

    @Column(name = "created_at")
    public Instant createdAt;
}

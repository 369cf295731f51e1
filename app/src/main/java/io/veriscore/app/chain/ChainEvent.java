package io.veriscore.app.chain;

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

/** One step of an on-chain submission; its status is the latest. */
@Entity
@Immutable
@Table(name = "chain_event")
public class ChainEvent {

    public enum Kind {
        WAITING, PENDING, PROVING, SENT, RETRYING, MINED, REVERTED, FAILED;

        public boolean isFinal() {
            return this == MINED || this == REVERTED || this == FAILED;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "submission_id")
    public UUID submissionId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public int attempt;

    @Column(name = "tx_hash")
    public String txHash;

    @Column(name = "block_number")
    public Long blockNumber;

    @Column(name = "gas_used")
    public Long gasUsed;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;
}

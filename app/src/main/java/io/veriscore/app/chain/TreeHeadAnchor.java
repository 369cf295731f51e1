package io.veriscore.app.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A signed tree head of the log, anchored through a deployment's ScoreRegistry. */
@Entity
@Immutable
@Table(name = "tree_head_anchor")
@IdClass(TreeHeadAnchor.Key.class)
public class TreeHeadAnchor {

    public record Key(Long deploymentId, Long treeSize) implements Serializable {}

    @Id
    @Column(name = "deployment_id")
    public Long deploymentId;

    @Id
    @Column(name = "tree_size")
    public Long treeSize;

    /** Null for an anchor found on the chain after a crash between its transaction and this row. */
    @Column(name = "tx_hash")
    public String txHash;

    @Column(name = "block_number")
    public Long blockNumber;

    @Column(name = "gas_used")
    public Long gasUsed;

    @Column(name = "created_at")
    public Instant createdAt;
}

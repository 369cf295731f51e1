package io.veriscore.app.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A signed tree head: the log's size and root at a moment, signed by the service. */
@Entity
@Immutable
@Table(name = "tree_head")
public class TreeHeadRecord {

    @Id
    @Column(name = "tree_size")
    public long treeSize;

    @Column(name = "root_hash")
    public byte[] rootHash;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "key_id")
    public String keyId;

    public byte[] signature;
}

package io.veriscore.app.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A signed record of the transparency log: its canonical body, leaf hash, signature and signing key. */
@Entity
@Immutable
@Table(name = "log_entry")
public class LogEntry {

    @Id
    public UUID id;

    /** {@link LogRecord#kind()}. */
    public String kind;

    /** The result the record concerns. */
    @Column(name = "subject_id")
    public UUID subjectId;

    /** The RFC 8785 canonical JSON that was signed and hashed. */
    public String body;

    @Column(name = "leaf_hash")
    public byte[] leafHash;

    @Column(name = "key_id")
    public String keyId;

    public byte[] signature;

    @Column(name = "created_at")
    public Instant createdAt;
}

package io.veriscore.app.inference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A request sent with an {@code Idempotency-Key} and the results it created. Results are immutable,
 * so a retry is answered with exactly the first response by reading them again.
 */
@Entity
@Immutable
@Table(name = "idempotency_record")
public class IdempotencyRecord {

    @Id
    @Column(name = "idempotency_key")
    public String key;

    /** SHA-256 of the canonical request body: a retry must send the same request. */
    @Column(name = "request_sha256")
    public String requestSha256;

    public boolean batch;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "inference_ids")
    public List<UUID> inferenceIds;

    @Column(name = "created_at")
    public Instant createdAt;
}

package io.veriscore.app.inference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One stored model evaluation. Written once, never updated ({@link Immutable}). */
@Entity
@Immutable
@Table(name = "inference")
public class InferenceRecord {

    @Id
    public UUID id;

    @Column(name = "model_id")
    public String modelId;

    @Column(name = "model_version")
    public String modelVersion;

    @Column(name = "model_sha256")
    public String modelSha256;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> input;

    @Column(name = "input_sha256")
    public String inputSha256;

    public double score;

    public String label;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> warnings;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The client credential that created the result. */
    public String client;
}

package io.veriscore.app.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A session's summary, as signed into the transparency log; the session takes no frame after it. */
@Entity
@Immutable
@Table(name = "session_summary")
public class SessionSummary {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The signed body. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> summary;

    /** The results made of the sampled frames, when the summary was proven; else empty. */
    @Column(name = "result_ids")
    public UUID[] resultIds;
}

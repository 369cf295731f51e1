package io.veriscore.app.session;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A wearable window's reading in a session, numbered from 1 in the order received (its own numbering, not the frames'). */
@Entity
@Immutable
@Table(name = "session_wearable")
public class SessionWearable {

    @EmbeddedId
    public SessionFrame.Key key;

    @Column(name = "captured_at")
    public Instant capturedAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    public double stress;

    public String label;

    /** Channel -> problem; empty when the signal is good enough to fuse. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> quality;
}

package io.veriscore.app.session;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The readings of one frame of a session, numbered from 1 in the order the service received them. */
@Entity
@Immutable
@Table(name = "session_frame")
public class SessionFrame {

    @Embeddable
    public record Key(@Column(name = "session_id") UUID sessionId, int seq) implements Serializable {}

    @EmbeddedId
    public Key key;

    @Column(name = "captured_at")
    public Instant capturedAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "eye_aspect")
    public double eyeAspect;

    @Column(name = "mouth_aspect")
    public double mouthAspect;

    public double stress;

    public String emotion;

    @Column(name = "emotion_confidence")
    public double emotionConfidence;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> features;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> emotions;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> face;

    /** Head pose in degrees; null for frames stored before issue 26 (as are the gaze and focus). */
    public Double yaw;

    public Double pitch;

    public Double roll;

    /** The irises' offset from the eyes' middles, in eye widths (x to the image's right, y down). */
    @Column(name = "gaze_x")
    public Double gazeX;

    @Column(name = "gaze_y")
    public Double gazeY;

    public Double focus;

    @Column(name = "focus_face")
    public Double focusFace;

    @Column(name = "focus_eye")
    public Double focusEye;
}

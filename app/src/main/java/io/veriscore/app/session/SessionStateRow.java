package io.veriscore.app.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A session's {@link SessionState} after its latest frame, as JSON; derived from the frames, so it may be rebuilt. */
@Entity
@Table(name = "face_session_state")
public class SessionStateRow {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    /** Frames the state has taken in. */
    public int frames;

    public String state;
}

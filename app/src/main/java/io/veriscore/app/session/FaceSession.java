package io.veriscore.app.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A stream of frames of one face, owned by the client that opened it. */
@Entity
@Immutable
@Table(name = "face_session")
public class FaceSession {

    @Id
    public UUID id;

    public String client;

    @Column(name = "created_at")
    public Instant createdAt;
}

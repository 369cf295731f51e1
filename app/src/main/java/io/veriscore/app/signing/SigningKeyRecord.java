package io.veriscore.app.signing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A public key that has signed for this service. */
@Entity
@Immutable
@Table(name = "signing_key")
public class SigningKeyRecord {

    @Id
    @Column(name = "key_id")
    public String keyId;

    @Column(name = "public_key")
    public byte[] publicKey;

    @Column(name = "created_at")
    public Instant createdAt;
}

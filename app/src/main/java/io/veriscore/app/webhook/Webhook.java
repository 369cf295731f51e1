package io.veriscore.app.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A URL a client registered to be told when a proof or an on-chain submission of one of its results ends. */
@Entity
@Table(name = "webhook")
public class Webhook {

    @Id
    public UUID id;

    public String client;

    public String url;

    /** The HMAC-SHA256 key of its signatures; shown to the client once, when it registers the webhook. */
    public String secret;

    @Column(name = "created_at")
    public Instant createdAt;
}

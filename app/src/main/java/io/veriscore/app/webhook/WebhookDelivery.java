package io.veriscore.app.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One event for one webhook; its id is the event's id, the same in every attempt. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    @Id
    public UUID id;

    @Column(name = "webhook_id")
    public UUID webhookId;

    @Column(name = "event_type")
    public String eventType;

    /** The result the event is about. */
    @Column(name = "result_id")
    public UUID resultId;

    /** The JSON that is posted, byte for byte, in every attempt. */
    public String body;

    @Column(name = "created_at")
    public Instant createdAt;

    public int attempts;

    /** The receiver's HTTP status in the last attempt; null when it could not be reached. */
    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "failed_at")
    public Instant failedAt;
}

package io.veriscore.app.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook as the API shows it; {@code secret} only in the answer to its registration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(UUID id, String url, @Schema(nullable = true) String secret, Instant createdAt, String deliveriesHref) {

    static WebhookView of(Webhook webhook, boolean withSecret) {
        return new WebhookView(webhook.id, webhook.url, withSecret ? webhook.secret : null, webhook.createdAt,
                "/v1/webhooks/" + webhook.id + "/deliveries");
    }

    /** Body of {@code POST /v1/webhooks}. */
    public record Request(@NotBlank(message = "'url' is required: the http or https URL to post events to") String url) {}

    public record Listing(List<WebhookView> items) {}

    /** One event for the webhook: {@code pending} (being attempted), {@code delivered} or {@code failed} (given up). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(UUID id, String type, UUID result, String status, int attempts, @Schema(nullable = true) Integer lastStatus,
            @Schema(nullable = true) String lastError, Instant createdAt, @Schema(nullable = true) Instant deliveredAt, @Schema(nullable = true) Instant failedAt) {

        static Delivery of(WebhookDelivery d) {
            String status = d.deliveredAt != null ? "delivered" : d.failedAt != null ? "failed" : "pending";
            return new Delivery(d.id, d.eventType, d.resultId, status, d.attempts, d.lastStatus, d.lastError, d.createdAt, d.deliveredAt,
                    d.failedAt);
        }
    }

    public record Deliveries(List<Delivery> items) {}
}

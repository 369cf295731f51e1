package io.veriscore.app.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Sends one delivery, as a job of its own: a POST of the event's JSON, signed with the webhook's secret. A 2xx answer
 * delivers it; anything else (another status, no answer in time, no connection) is retried with backoff until
 * {@code veriscore.webhooks.max-attempts}. Redirects are not followed.
 *
 * <p>Headers: {@code Veriscore-Event-Id} (the same in every attempt: deduplicate by it), {@code Veriscore-Event-Type},
 * and {@code Veriscore-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>}; a receiver
 * recomputes the HMAC and refuses a {@code t} far from its clock, so a recorded request cannot be replayed later.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final WebhookRepository webhooks;
    private final WebhookConfig config;
    private final HttpClient http;

    WebhookSender(WebhookRepository webhooks, WebhookConfig config) {
        this.webhooks = webhooks;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One attempt; throws to be retried. */
    public void attempt(UUID deliveryId, int attempt) {
        record Pending(WebhookDelivery delivery, Webhook webhook) {}
        Pending pending = QuarkusTransaction.requiringNew().call(() -> webhooks.delivery(deliveryId)
                .filter(d -> d.deliveredAt == null && d.failedAt == null)
                .flatMap(d -> webhooks.webhook(d.webhookId).map(w -> new Pending(d, w))).orElse(null));
        if (pending == null) {
            return; // delivered, given up, or its webhook was deleted
        }
        Integer status = null;
        String error;
        try {
            URI target = URI.create(pending.webhook().url);
            WebhookTargets.checkDelivered(target, config.allowPrivateTargets());
            status = http.send(request(target, pending.delivery(), pending.webhook().secret), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            error = status / 100 == 2 ? null : "the receiver answered HTTP " + status;
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while delivering " + deliveryId, e);
        }
        boolean delivered = error == null;
        boolean givenUp = !delivered && attempt >= config.maxAttempts();
        record(deliveryId, attempt, status, error, delivered, givenUp);
        if (!delivered && !givenUp) {
            throw new IllegalStateException("webhook delivery " + deliveryId + ", attempt " + attempt + ": " + error);
        }
        if (givenUp) {
            LOG.warnf("Webhook delivery %s given up after %d attempts: %s", deliveryId, attempt, error);
        }
    }

    private HttpRequest request(URI target, WebhookDelivery delivery, String secret) {
        long now = Instant.now().getEpochSecond();
        return HttpRequest.newBuilder(target).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Veriscore-Webhooks/1")
                .header("Veriscore-Event-Id", delivery.id.toString())
                .header("Veriscore-Event-Type", delivery.eventType)
                .header("Veriscore-Signature", "t=" + now + ",v1=" + signature(secret, now, delivery.body))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body, StandardCharsets.UTF_8))
                .build();
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"} under the webhook's secret. */
    public static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private void record(UUID deliveryId, int attempt, Integer status, String error, boolean delivered, boolean givenUp) {
        QuarkusTransaction.requiringNew().run(() -> webhooks.delivery(deliveryId).ifPresent(delivery -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            delivery.attempts = attempt;
            delivery.lastStatus = status;
            delivery.lastError = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
            delivery.deliveredAt = delivered ? now : null;
            delivery.failedAt = givenUp ? now : null;
        }));
    }
}

package io.veriscore.app.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Sends one delivery, as a job of its own: a POST of the event's JSON, signed with the webhook's secret. A 2xx answer
 * delivers it; anything else (another status, no answer in time, no connection) is retried with backoff until
 * {@code veriscore.webhooks.max-attempts}. Redirects are not followed. It connects to the very address whose check
 * passed ({@link WebhookTargets#addressFor}), and the client is told "refused" or "unreachable", never the resolver's
 * or the network's own words (those go to the log).
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

    WebhookSender(WebhookRepository webhooks, WebhookConfig config, Vertx vertx) {
        this.webhooks = webhooks;
        this.config = config;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) config.timeout().toMillis())
                .setVerifyHost(true).setKeepAlive(false));
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
            InetAddress address = WebhookTargets.addressFor(target, config.allowPrivateTargets());
            status = send(target, address, pending.delivery(), pending.webhook().secret);
            error = status / 100 == 2 ? null : "the receiver answered HTTP " + status;
        } catch (WebhookTargets.Refused e) {
            LOG.infof("Webhook delivery %s refused: %s", deliveryId, e.getMessage());
            error = "refused: the target's address is not a public one";
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debugf("Webhook delivery %s, attempt %d: %s", deliveryId, attempt, e);
            error = "unreachable: no answer from the target" + (e instanceof TimeoutException ? " within " + config.timeout() : "");
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

    /**
     * POSTs the delivery to {@code address}, the one checked, with the URL's host as Host and for TLS (SNI and the
     * certificate's name); redirects are not followed. Returns the status.
     */
    private int send(URI target, InetAddress address, WebhookDelivery delivery, String secret)
            throws InterruptedException, ExecutionException, TimeoutException {
        boolean tls = target.getScheme().equalsIgnoreCase("https");
        int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
        long now = Instant.now().getEpochSecond();
        String path = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setSsl(tls).setHost(target.getHost())
                .setPort(port).setURI(path).setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false).setTimeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Veriscore-Webhooks/1")
                .putHeader("Veriscore-Event-Id", delivery.id.toString())
                .putHeader("Veriscore-Event-Type", delivery.eventType)
                .putHeader("Veriscore-Signature", "t=" + now + ",v1=" + signature(secret, now, delivery.body));
        return http.request(options)
                .compose(request -> request.send(Buffer.buffer(delivery.body.getBytes(StandardCharsets.UTF_8))))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .toCompletionStage().toCompletableFuture().get(config.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
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

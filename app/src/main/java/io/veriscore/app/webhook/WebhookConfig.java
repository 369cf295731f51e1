package io.veriscore.app.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "veriscore.webhooks")
public interface WebhookConfig {
    /** Webhooks one client may register. */
    @WithDefault("10")
    int maxPerClient();

    /** Attempts of a delivery before it ends failed; between them the wait doubles from {@code retry-backoff}. */
    @WithDefault("10")
    int maxAttempts();

    @WithDefault("PT5S")
    Duration retryBackoff();

    /** How long a receiver may take to answer one attempt. */
    @WithDefault("PT10S")
    Duration timeout();

    /** Deliveries sent at once by this instance. */
    @WithDefault("2")
    int concurrency();

    /**
     * Whether a webhook may point at a loopback, private or link-local address. Off by default, so that a client
     * cannot make the service call into its own network; the development profile and the tests turn it on.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();
}

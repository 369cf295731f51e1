package io.veriscore.app.webhook;

import io.veriscore.app.jobs.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Webhook deliveries as durable jobs, ranked per client like proofs: a receiver that is down holds no one else's. */
@ApplicationScoped
public class DeliveryJobs {

    public static final String DELIVER = "deliver-webhook";

    @Produces
    JobKind deliver(WebhookConfig config, WebhookSender sender) {
        return new JobKind(DELIVER, "webhook_tasks", config.concurrency(), true, config.retryBackoff(), sender::attempt);
    }
}

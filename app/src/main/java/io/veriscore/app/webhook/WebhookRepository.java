package io.veriscore.app.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WebhookRepository {

    private final EntityManager entities;

    WebhookRepository(EntityManager entities) {
        this.entities = entities;
    }

    void persist(Object entity) {
        entities.persist(entity);
    }

    List<Webhook> of(String client) {
        return entities.createQuery("from Webhook w where w.client = :client order by w.createdAt, w.id", Webhook.class)
                .setParameter("client", client).getResultList();
    }

    /** The client's deliveries still being attempted (of the last day: a delivery is given up within two hours). */
    int pendingOf(String client) {
        Number count = (Number) entities.createNativeQuery("""
                SELECT count(*) FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
                WHERE w.client = ?1 AND d.created_at > now() - interval '1 day' AND d.delivered_at IS NULL AND d.failed_at IS NULL""")
                .setParameter(1, client).getSingleResult();
        return count.intValue();
    }

    Optional<Webhook> find(UUID id, String client) {
        return Optional.ofNullable(entities.find(Webhook.class, id)).filter(webhook -> webhook.client.equals(client));
    }

    void delete(Webhook webhook) {
        entities.remove(webhook);
    }

    Optional<WebhookDelivery> delivery(UUID id) {
        return Optional.ofNullable(entities.find(WebhookDelivery.class, id));
    }

    Optional<Webhook> webhook(UUID id) {
        return Optional.ofNullable(entities.find(Webhook.class, id));
    }

    List<WebhookDelivery> deliveries(UUID webhookId, int limit) {
        return entities.createQuery("from WebhookDelivery d where d.webhookId = :webhook order by d.createdAt desc, d.id",
                WebhookDelivery.class).setParameter("webhook", webhookId).setMaxResults(limit).getResultList();
    }
}

package io.veriscore.app.inference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyRecord, String> {

    /**
     * Serialises requests with the same key until the current transaction ends, so that concurrent
     * retries wait for the first one instead of racing it to the primary key.
     */
    public void lock(String key) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", key).getSingleResult();
    }
}

package io.veriscore.app.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InferenceRepository implements PanacheRepositoryBase<InferenceRecord, UUID> {

    /** Filters of a listing; every field is optional ({@code client}: results created by that credential). */
    public record Filter(Optional<String> client, Optional<String> model, Optional<String> label, Optional<Instant> from,
            Optional<Instant> to) {}

    /** The position after the last record of a page: listings run newest first. */
    public record Position(Instant createdAt, UUID id) {}

    /** Up to {@code limit} records matching {@code filter}, newest first, after {@code after} when given. */
    public List<InferenceRecord> page(Filter filter, Optional<Position> after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        where(query, parameters, "client = :client", "client", filter.client());
        where(query, parameters, "modelId = :model", "model", filter.model());
        where(query, parameters, "label = :label", "label", filter.label());
        where(query, parameters, "createdAt >= :from", "from", filter.from());
        where(query, parameters, "createdAt < :to", "to", filter.to());
        after.ifPresent(position -> {
            query.append(" and (createdAt < :afterTime or (createdAt = :afterTime and id < :afterId))");
            parameters.put("afterTime", position.createdAt());
            parameters.put("afterId", position.id());
        });
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }

    private static void where(StringBuilder query, Map<String, Object> parameters, String clause, String name, Optional<?> value) {
        value.ifPresent(v -> {
            query.append(" and ").append(clause);
            parameters.put(name, v);
        });
    }
}

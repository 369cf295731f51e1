package io.veriscore.app.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.veriscore.app.web.Listings.Position;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

@ApplicationScoped
public class InferenceRepository implements PanacheRepositoryBase<InferenceRecord, UUID> {

    /** A further condition on the listed result {@code i} (HQL), with its named parameters; another feature's, say. */
    public record Condition(String hql, Map<String, Object> parameters) {}

    /** Filters of a listing; every field is optional ({@code client}: results created by that credential). */
    public record Filter(Optional<String> client, Optional<String> model, Optional<String> label, Optional<Instant> from,
            Optional<Instant> to, List<Condition> conditions) {

        public Filter(Optional<String> client, Optional<String> model, Optional<String> label, Optional<Instant> from,
                Optional<Instant> to) {
            this(client, model, label, from, to, List.of());
        }
    }

    /** Inserts {@code records} in the caller's transaction in one JDBC batch, without a Hibernate flush (the write path). */
    public void insertAll(List<InferenceRecord> records, ObjectMapper json) {
        if (records.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO inference (id, model_id, model_version,"
                    + " model_sha256, input, input_sha256, score, label, details, warnings, created_at, client)"
                    + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)")) {
                for (InferenceRecord r : records) {
                    insert.setObject(1, r.id);
                    insert.setString(2, r.modelId);
                    insert.setString(3, r.modelVersion);
                    insert.setString(4, r.modelSha256);
                    insert.setString(5, json.writeValueAsString(r.input));
                    insert.setString(6, r.inputSha256);
                    insert.setDouble(7, r.score);
                    insert.setString(8, r.label);
                    insert.setString(9, json.writeValueAsString(r.details));
                    insert.setString(10, json.writeValueAsString(r.warnings));
                    insert.setObject(11, r.createdAt.atOffset(ZoneOffset.UTC));
                    insert.setString(12, r.client);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("a result that is not JSON: " + e.getOriginalMessage(), e);
            }
        });
    }

    /** Up to {@code limit} records matching {@code filter}, newest first, after {@code after} when given. */
    public List<InferenceRecord> page(Filter filter, Optional<Position> after, int limit) {
        StringBuilder query = new StringBuilder("from InferenceRecord i where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        where(query, parameters, "i.client = :client", "client", filter.client());
        where(query, parameters, "i.modelId = :model", "model", filter.model());
        where(query, parameters, "i.label = :label", "label", filter.label());
        where(query, parameters, "i.createdAt >= :from", "from", filter.from());
        where(query, parameters, "i.createdAt < :to", "to", filter.to());
        filter.conditions().forEach(condition -> {
            query.append(" and (").append(condition.hql()).append(")");
            parameters.putAll(condition.parameters());
        });
        after.ifPresent(position -> {
            query.append(" and (i.createdAt < :afterTime or (i.createdAt = :afterTime and i.id < :afterId))");
            parameters.put("afterTime", position.createdAt());
            parameters.put("afterId", position.id());
        });
        query.append(" order by i.createdAt desc, i.id desc");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }

    private static void where(StringBuilder query, Map<String, Object> parameters, String clause, String name, Optional<?> value) {
        value.ifPresent(v -> {
            query.append(" and ").append(clause);
            parameters.put(name, v);
        });
    }
}

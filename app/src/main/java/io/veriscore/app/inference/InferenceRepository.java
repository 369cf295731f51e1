package io.veriscore.app.inference;

import io.veriscore.app.proof.ProofEvent;
import io.veriscore.app.proof.ProofRequest;
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

    /** Where a result's proof stands, as far as a listing filters on it. */
    public enum ProofFilter { NONE, QUEUED, PROVING, PROVEN, FAILED }

    /** Filters of a listing; every field is optional ({@code client}: results created by that credential). */
    public record Filter(Optional<String> client, Optional<String> model, Optional<String> label, Optional<Instant> from,
            Optional<Instant> to, Optional<ProofFilter> proof) {

        public Filter(Optional<String> client, Optional<String> model, Optional<String> label, Optional<Instant> from,
                Optional<Instant> to) {
            this(client, model, label, from, to, Optional.empty());
        }
    }

    /** The kind of a result's latest proof event. */
    private static final String LATEST_EVENT = """
            (select e.kind from ProofEvent e where e.inferenceId = i.id
             and e.id = (select max(l.id) from ProofEvent l where l.inferenceId = i.id))""";
    private static final String REQUESTED = "exists (select 1 from ProofRequest r where r.inferenceId = i.id)";

    /** The position after the last record of a page: listings run newest first. */
    public record Position(Instant createdAt, UUID id) {}

    /** Up to {@code limit} records matching {@code filter}, newest first, after {@code after} when given. */
    public List<InferenceRecord> page(Filter filter, Optional<Position> after, int limit) {
        StringBuilder query = new StringBuilder("from InferenceRecord i where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        where(query, parameters, "i.client = :client", "client", filter.client());
        where(query, parameters, "i.modelId = :model", "model", filter.model());
        where(query, parameters, "i.label = :label", "label", filter.label());
        where(query, parameters, "i.createdAt >= :from", "from", filter.from());
        where(query, parameters, "i.createdAt < :to", "to", filter.to());
        filter.proof().ifPresent(proof -> {
            query.append(" and ").append(switch (proof) {
                case NONE -> "not " + REQUESTED;
                case QUEUED -> REQUESTED + " and (" + LATEST_EVENT + " is null or " + LATEST_EVENT + " = :proofKind)";
                default -> LATEST_EVENT + " = :proofKind";
            });
            switch (proof) {
                case QUEUED -> parameters.put("proofKind", ProofEvent.Kind.RETRYING);
                case PROVING -> parameters.put("proofKind", ProofEvent.Kind.STARTED);
                case PROVEN -> parameters.put("proofKind", ProofEvent.Kind.PROVEN);
                case FAILED -> parameters.put("proofKind", ProofEvent.Kind.FAILED);
                case NONE -> { }
            }
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

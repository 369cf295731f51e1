package io.veriscore.app.chain;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.InferenceRepository.Condition;
import io.veriscore.app.inference.OnchainSummary;
import io.veriscore.app.inference.ResultOnchain;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Results' on-chain states for listings: the same expression filters a listing and describes its rows. */
@ApplicationScoped
public class OnchainListing implements ResultOnchain {

    /**
     * The kind of the latest event about recording result {@code i}: its own submissions' and, for a result proven in a
     * batch, those of the batch (one transaction records them all). Earlier submissions have ended (failed, or mined
     * on a replaced chain), so the latest event is the latest submission's.
     */
    private static final String LATEST_KIND = """
            (select e.kind from ChainEvent e where e.id = (select max(l.id) from ChainEvent l, ChainSubmission s
             where l.submissionId = s.id and (s.inferenceId = i.id or s.inferenceId in (select o.inferenceId
              from ProofBatchMember m, ProofBatchMember o where m.inferenceId = i.id and o.batchId = m.batchId))))""";

    @Override
    public Condition onchainCondition(String status) {
        if (status.equals("none")) {
            return new Condition(LATEST_KIND + " is null", Map.of());
        }
        try {
            return new Condition(LATEST_KIND + " = :onchainKind", Map.of("onchainKind", ChainEvent.Kind.valueOf(status.toUpperCase(Locale.ROOT))));
        } catch (IllegalArgumentException e) {
            throw VeriscoreException.invalidRequest("'onchainStatus' must be one of " + STATES);
        }
    }

    @Override
    public Map<UUID, OnchainSummary> summaries(Collection<InferenceRecord> results) {
        if (results.isEmpty()) {
            return Map.of();
        }
        Map<UUID, OnchainSummary> summaries = new HashMap<>();
        QuarkusTransaction.joiningExisting().run(() -> Panache.getEntityManager()
                .createQuery("select i.id, " + LATEST_KIND + " from InferenceRecord i where i.id in :ids", Object[].class)
                .setParameter("ids", results.stream().map(result -> result.id).toList())
                .getResultList().stream().filter(row -> row[1] != null)
                .forEach(row -> summaries.put((UUID) row[0], OnchainSummary.of((UUID) row[0], ((ChainEvent.Kind) row[1]).name().toLowerCase(Locale.ROOT)))));
        return summaries;
    }
}

package io.veriscore.app.proof;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Proof requests, the events of their jobs, and finished proofs: all append-only. */
@ApplicationScoped
public class ProofRepository {

    public void request(UUID inferenceId, Instant at) {
        ProofRequest request = new ProofRequest();
        request.inferenceId = inferenceId;
        request.requestedAt = at;
        Panache.getEntityManager().persist(request);
    }

    /** Records a proof request for a stored result unless it has one; whether this call recorded it. */
    public boolean requestOnce(UUID inferenceId, Instant at) {
        return Panache.getEntityManager()
                .createNativeQuery("INSERT INTO proof_request (inference_id, requested_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, inferenceId).setParameter(2, at).executeUpdate() == 1;
    }

    /**
     * How many of {@code client}'s proofs are queued: asked for in the last day (a job ends within minutes), neither
     * made nor failed. Its next proof job is ranked behind these, and no other client's.
     */
    public int queuedOf(String client) {
        Number count = (Number) Panache.getEntityManager().createNativeQuery("""
                SELECT count(*) FROM proof_request r JOIN inference i ON i.id = r.inference_id
                WHERE r.requested_at > now() - interval '1 day' AND i.client = ?1
                AND NOT EXISTS (SELECT 1 FROM proof p WHERE p.inference_id = r.inference_id)
                AND NOT EXISTS (SELECT 1 FROM proof_event e WHERE e.inference_id = r.inference_id AND e.kind = 'FAILED'
                    AND NOT EXISTS (SELECT 1 FROM proof_event l WHERE l.inference_id = e.inference_id AND l.id > e.id))""")
                .setParameter(1, client).getSingleResult();
        return count.intValue();
    }

    /** Puts a result in row {@code row} of batch {@code batchId}, in the transaction that requests its proof. */
    public void join(UUID batchId, int row, UUID inferenceId) {
        ProofBatchMember member = new ProofBatchMember();
        member.batchId = batchId;
        member.row = row;
        member.inferenceId = inferenceId;
        Panache.getEntityManager().persist(member);
    }

    /** The results of a batch, by row. */
    public List<ProofBatchMember> members(UUID batchId) {
        return Panache.getEntityManager()
                .createQuery("from ProofBatchMember where batchId = ?1 order by row", ProofBatchMember.class)
                .setParameter(1, batchId).getResultList();
    }

    /** The batch a result is proven in, if it is. */
    public Optional<ProofBatchMember> membership(UUID inferenceId) {
        return Optional.ofNullable(Panache.getEntityManager().find(ProofBatchMember.class, inferenceId));
    }

    /** The stored proofs of a batch's rows, by row. */
    public List<ProofRecord> batchProofs(UUID batchId) {
        return Panache.getEntityManager()
                .createQuery("from ProofRecord where batchId = ?1 order by batchRow", ProofRecord.class)
                .setParameter(1, batchId).getResultList();
    }

    public ProofEvent append(UUID inferenceId, ProofEvent.Kind kind, int attempt, String reason) {
        ProofEvent event = new ProofEvent();
        event.inferenceId = inferenceId;
        event.kind = kind;
        event.attempt = attempt;
        event.reason = reason;
        event.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Panache.getEntityManager().persist(event);
        return event;
    }

    public void store(ProofRecord proof) {
        Panache.getEntityManager().persist(proof);
    }

    /** Which of {@code inferenceIds} were asked to be proven. */
    public Set<UUID> requested(Collection<UUID> inferenceIds) {
        if (inferenceIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(Panache.getEntityManager()
                .createQuery("select r.inferenceId from ProofRequest r where r.inferenceId in :ids", UUID.class)
                .setParameter("ids", inferenceIds).getResultList());
    }

    /** The latest event of each job among {@code inferenceIds} that has one. */
    public Map<UUID, ProofEvent> latestEvents(Collection<UUID> inferenceIds) {
        if (inferenceIds.isEmpty()) {
            return Map.of();
        }
        List<ProofEvent> events = Panache.getEntityManager().createQuery("""
                select e from ProofEvent e where e.inferenceId in :ids
                and e.id = (select max(l.id) from ProofEvent l where l.inferenceId = e.inferenceId)""", ProofEvent.class)
                .setParameter("ids", inferenceIds).getResultList();
        return events.stream().collect(Collectors.toMap(e -> e.inferenceId, Function.identity()));
    }

    /** Whether the result's proof job ended failed (and was not asked for again since). */
    public boolean failed(UUID inferenceId) {
        ProofEvent latest = latestEvents(List.of(inferenceId)).get(inferenceId);
        return latest != null && latest.kind == ProofEvent.Kind.FAILED;
    }

    /** The event that ended a failed job. */
    public Optional<ProofEvent> failure(UUID inferenceId) {
        return Panache.getEntityManager().createQuery(
                "from ProofEvent where inferenceId = ?1 and kind = ?2 order by id desc", ProofEvent.class)
                .setParameter(1, inferenceId).setParameter(2, ProofEvent.Kind.FAILED).setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** Up to {@code count} stored proofs, picked at random. */
    public List<ProofRecord> sample(int count) {
        return Panache.getEntityManager().createQuery("from ProofRecord order by random()", ProofRecord.class)
                .setMaxResults(count).getResultList();
    }

    public Optional<ProofRecord> proof(UUID inferenceId) {
        return Optional.ofNullable(Panache.getEntityManager().find(ProofRecord.class, inferenceId));
    }
}

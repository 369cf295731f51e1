package io.veriscore.app.chain;

import io.quarkus.hibernate.orm.panache.Panache;
import io.veriscore.app.notify.ResultStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Deployments, registered models, submissions, their transactions and events, tree head anchors: all append-only. */
@ApplicationScoped
public class ChainRepository {

    private final Event<ResultStep> steps;

    ChainRepository(Event<ResultStep> steps) {
        this.steps = steps;
    }

    /** The deployments made on chains with this id, newest first: a replaced chain keeps its id. */
    public java.util.List<ChainDeployment> deployments(long chainId) {
        return em().createQuery("from ChainDeployment where chainId = ?1 order by id desc", ChainDeployment.class)
                .setParameter(1, chainId).getResultList();
    }

    public Optional<ChainDeployment> deployment(long id) {
        return Optional.ofNullable(em().find(ChainDeployment.class, id));
    }

    public Optional<ChainModel> model(long deploymentId, String verifyingKeySha256) {
        return Optional.ofNullable(em().find(ChainModel.class, new ChainModel.Key(deploymentId, verifyingKeySha256)));
    }

    public <T> T store(T entity) {
        em().persist(entity);
        return entity;
    }

    public Optional<ChainSubmission> submission(UUID id) {
        return Optional.ofNullable(em().find(ChainSubmission.class, id));
    }

    /**
     * The latest submission of any of {@code inferenceIds} (the results one transaction records) to a deployment, or
     * to any when {@code deploymentId} is null.
     */
    public Optional<ChainSubmission> latestSubmission(Collection<UUID> inferenceIds, Long deploymentId) {
        return em().createQuery("from ChainSubmission where inferenceId in ?1 and (?2 is null or deploymentId = ?2) order by createdAt desc",
                        ChainSubmission.class)
                .setParameter(1, inferenceIds).setParameter(2, deploymentId).setMaxResults(1).getResultStream().findFirst();
    }

    public Optional<ChainTransaction> transaction(UUID submissionId) {
        return Optional.ofNullable(em().find(ChainTransaction.class, submissionId));
    }

    /** The highest nonce this service stored for {@code account} through these deployments (those on one chain). */
    public OptionalLong lastNonce(Collection<Long> deploymentIds, String account) {
        Long nonce = em().createQuery("select max(nonce) from ChainTransaction where deploymentId in ?1 and account = ?2", Long.class)
                .setParameter(1, deploymentIds).setParameter(2, account)
                .getSingleResult();
        return nonce == null ? OptionalLong.empty() : OptionalLong.of(nonce);
    }

    public ChainEvent append(UUID submissionId, ChainEvent.Kind kind, int attempt, String reason) {
        return append(submissionId, kind, attempt, reason, null, null, null);
    }

    public ChainEvent append(UUID submissionId, ChainEvent.Kind kind, int attempt, String reason, String txHash, Long blockNumber,
            Long gasUsed) {
        ChainEvent event = new ChainEvent();
        event.submissionId = submissionId;
        event.kind = kind;
        event.attempt = attempt;
        event.reason = reason;
        event.txHash = txHash;
        event.blockNumber = blockNumber;
        event.gasUsed = gasUsed;
        event.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store(event);
        if (!kind.isFinal()) { // an end is told by its signed log record
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", kind.name().toLowerCase(java.util.Locale.ROOT));
            detail.put("attempt", attempt);
            detail.put("reason", reason);
            detail.put("txHash", txHash);
            detail.values().removeIf(java.util.Objects::isNull);
            submission(submissionId).ifPresent(submission -> steps.fire(new ResultStep(submission.inferenceId,
                    "onchain." + detail.get("status"), event.createdAt, detail)));
        }
        return event;
    }

    public Optional<ChainEvent> latestEvent(UUID submissionId) {
        return em().createQuery("from ChainEvent where submissionId = ?1 order by id desc", ChainEvent.class)
                .setParameter(1, submissionId).setMaxResults(1).getResultStream().findFirst();
    }

    /** The event that ended a submission: mined, reverted or failed. */
    public Optional<ChainEvent> finalEvent(UUID submissionId) {
        return em().createQuery("from ChainEvent where submissionId = ?1 and kind in ?2 order by id", ChainEvent.class)
                .setParameter(1, submissionId)
                .setParameter(2, java.util.List.of(ChainEvent.Kind.MINED, ChainEvent.Kind.REVERTED, ChainEvent.Kind.FAILED))
                .setMaxResults(1).getResultStream().findFirst();
    }

    public Optional<RecordProof> recordProof(UUID submissionId) {
        return Optional.ofNullable(em().find(RecordProof.class, submissionId));
    }

    /** The members of the record batch {@code carrierId} carries, by row; empty when it carries none. */
    public java.util.List<RecordBatchMember> batchMembers(UUID carrierId) {
        return em().createQuery("from RecordBatchMember where carrierId = ?1 order by batchRow", RecordBatchMember.class)
                .setParameter(1, carrierId).getResultList();
    }

    public Optional<RecordBatchMember> batchMembership(UUID submissionId) {
        return Optional.ofNullable(em().find(RecordBatchMember.class, submissionId));
    }

    /** Submissions waiting for a record batch, oldest first, with their result's model. */
    public java.util.List<Waiting> waiting() {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em().createNativeQuery("""
                select s.id, s.deployment_id, i.model_id, i.model_sha256, s.created_at from chain_submission s
                join inference i on i.id = s.inference_id
                where (select e.kind from chain_event e where e.submission_id = s.id order by e.id desc limit 1) = 'WAITING'
                order by s.created_at""").getResultList();
        return rows.stream().map(row -> new Waiting((UUID) row[0], ((Number) row[1]).longValue(), (String) row[2], (String) row[3],
                instant(row[4]))).toList();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case java.time.OffsetDateTime time -> time.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("not a time: " + value.getClass());
        };
    }

    public record Waiting(UUID submissionId, long deploymentId, String modelId, String modelSha256, Instant since) {}

    /** The proof a submission records: its own record proof, or its record batch's (kept under the batch's carrier). */
    public Optional<RecordProof> recordProofFor(UUID submissionId) {
        return batchMembership(submissionId).map(member -> recordProof(member.carrierId)).orElseGet(() -> recordProof(submissionId));
    }

    /** A record proof made for an earlier submission of the result (on a chain since replaced, say). */
    public Optional<RecordProof> earlierRecordProof(UUID inferenceId, String verifyingKeySha256) {
        return em().createQuery("select r from RecordProof r, ChainSubmission s where r.submissionId = s.id and s.inferenceId = ?1"
                        + " and r.verifyingKeySha256 = ?2 order by r.createdAt", RecordProof.class)
                .setParameter(1, inferenceId).setParameter(2, verifyingKeySha256).setMaxResults(1).getResultStream().findFirst();
    }

    /** The largest tree head anchored through one of these deployments. */
    public Optional<TreeHeadAnchor> latestAnchor(Collection<Long> deploymentIds) {
        return em().createQuery("from TreeHeadAnchor where deploymentId in ?1 order by treeSize desc, createdAt desc", TreeHeadAnchor.class)
                .setParameter(1, deploymentIds).setMaxResults(1).getResultStream().findFirst();
    }

    /** Takes a transaction-scoped lock named {@code name}, shared by every instance on the database. */
    public void lock(String name) {
        em().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, name).getSingleResult();
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}

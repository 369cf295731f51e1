package io.veriscore.app.session;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import io.veriscore.app.web.Listings.Position;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Face sessions and their frames. */
@ApplicationScoped
public class SessionRepository {

    public void persist(FaceSession session) {
        Panache.getEntityManager().persist(session);
    }

    public SessionStateRow state(UUID session) {
        return Panache.getEntityManager().find(SessionStateRow.class, session);
    }

    public void persist(SessionStateRow state) {
        Panache.getEntityManager().persist(state);
    }

    /** Up to {@code limit} sessions, newest first, of {@code client} (all when empty), after {@code after} when given. */
    public List<FaceSession> page(Optional<String> client, Optional<Position> after, int limit) {
        StringBuilder query = new StringBuilder("from FaceSession s where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        client.ifPresent(name -> {
            query.append(" and s.client = :client");
            parameters.put("client", name);
        });
        after.ifPresent(position -> {
            query.append(" and (s.createdAt < :afterTime or (s.createdAt = :afterTime and s.id < :afterId))");
            parameters.put("afterTime", position.createdAt());
            parameters.put("afterId", position.id());
        });
        var found = Panache.getEntityManager().createQuery(query + " order by s.createdAt desc, s.id desc", FaceSession.class);
        parameters.forEach(found::setParameter);
        return found.setMaxResults(limit).getResultList();
    }

    /** The stored states of these sessions (those with a frame), by session. */
    public Map<UUID, SessionStateRow> states(List<UUID> sessions) {
        return Panache.getEntityManager().createQuery("from SessionStateRow where sessionId in ?1", SessionStateRow.class)
                .setParameter(1, sessions).getResultStream().collect(Collectors.toMap(row -> row.sessionId, row -> row));
    }

    public FaceSession find(UUID id) {
        return Panache.getEntityManager().find(FaceSession.class, id);
    }

    /** Holds the session's lock until the transaction ends: one frame at a time updates its state. */
    public void lock(UUID session) {
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "session:" + session).getSingleResult();
    }

    /** Locks the session ({@link #lock}), so that concurrent frames get distinct numbers. */
    public int nextSeq(UUID session) {
        lock(session);
        Number last = (Number) Panache.getEntityManager()
                .createNativeQuery("select coalesce(max(seq), 0) from session_frame where session_id = ?1")
                .setParameter(1, session).getSingleResult();
        return last.intValue() + 1;
    }

    public void persist(SessionFrame frame) {
        Panache.getEntityManager().persist(frame);
    }

    /** Up to {@code limit} frames of the session after frame {@code afterSeq}, in order. */
    public List<SessionFrame> frames(UUID session, int afterSeq, int limit) {
        return Panache.getEntityManager().createQuery(
                "from SessionFrame f where f.key.sessionId = ?1 and f.key.seq > ?2 order by f.key.seq", SessionFrame.class)
                .setParameter(1, session).setParameter(2, afterSeq).setMaxResults(limit).getResultList();
    }

    /** Every frame of the session, in order. */
    public List<SessionFrame> frames(UUID session) {
        return Panache.getEntityManager().createQuery(
                "from SessionFrame f where f.key.sessionId = ?1 order by f.key.seq", SessionFrame.class)
                .setParameter(1, session).getResultList();
    }

    public void persist(SessionWearable window) {
        Panache.getEntityManager().persist(window);
    }

    /** The next wearable window's number; the caller holds the session's lock. */
    public int nextWearableSeq(UUID session) {
        Number last = (Number) Panache.getEntityManager()
                .createNativeQuery("select coalesce(max(seq), 0) from session_wearable where session_id = ?1")
                .setParameter(1, session).getSingleResult();
        return last.intValue() + 1;
    }

    /** Every wearable window of the session, in order. */
    public List<SessionWearable> wearables(UUID session) {
        return Panache.getEntityManager().createQuery(
                "from SessionWearable w where w.key.sessionId = ?1 order by w.key.seq", SessionWearable.class)
                .setParameter(1, session).getResultList();
    }

    public SessionSummary summary(UUID session) {
        return Panache.getEntityManager().find(SessionSummary.class, session);
    }

    public void persist(SessionSummary summary) {
        Panache.getEntityManager().persist(summary);
    }

    /** The session's frames with these numbers, in order. */
    public List<SessionFrame> frames(UUID session, List<Integer> seqs) {
        return Panache.getEntityManager().createQuery(
                "from SessionFrame f where f.key.sessionId = ?1 and f.key.seq in ?2 order by f.key.seq", SessionFrame.class)
                .setParameter(1, session).setParameter(2, seqs).getResultList();
    }
}

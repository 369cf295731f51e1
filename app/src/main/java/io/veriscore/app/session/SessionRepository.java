package io.veriscore.app.session;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

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

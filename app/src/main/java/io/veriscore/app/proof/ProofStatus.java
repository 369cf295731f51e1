package io.veriscore.app.proof;

import io.veriscore.app.inference.ProofSummary;
import io.veriscore.app.inference.ProofSummary.State;
import java.time.Instant;
import java.util.UUID;

/**
 * Where the proof of a result stands, from the latest event of its job.
 *
 * @param attempts  attempts started so far
 * @param reason    why the job failed, or why its last attempt failed while it is queued for a retry
 * @param updatedAt when the status last changed
 */
public record ProofStatus(State state, int attempts, String reason, Instant updatedAt) {

    /** As the result shows it. */
    public ProofSummary summary(UUID resultId) {
        return ProofSummary.of(resultId, state, attempts, reason, updatedAt);
    }

    static ProofStatus queued(Instant requestedAt) {
        return new ProofStatus(State.QUEUED, 0, null, requestedAt);
    }

    static ProofStatus of(ProofEvent latest) {
        State state = switch (latest.kind) {
            case STARTED -> State.PROVING;
            case RETRYING -> State.QUEUED;
            case PROVEN -> State.PROVEN;
            case FAILED -> State.FAILED;
        };
        return new ProofStatus(state, latest.attempt, latest.reason, latest.createdAt);
    }
}

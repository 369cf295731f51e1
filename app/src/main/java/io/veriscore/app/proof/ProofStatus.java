package io.veriscore.app.proof;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * Where the proof of a result stands, from the latest event of its job.
 *
 * @param attempts  attempts started so far
 * @param reason    why the job failed, or why its last attempt failed while it is queued for a retry
 * @param updatedAt when the status last changed
 */
public record ProofStatus(State state, int attempts, String reason, Instant updatedAt) {

    public enum State {
        QUEUED, PROVING, PROVEN, FAILED;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
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

package io.veriscore.app.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where the proof of a result stands, as the result shows it; the proof itself is at {@code href}.
 *
 * @param attempts  attempts started so far
 * @param reason    why the job failed, or why its last attempt failed while it is queued for a retry
 * @param updatedAt when the status last changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProofSummary(State status, int attempts, @Schema(nullable = true) String reason, Instant updatedAt, String href) {

    public enum State {
        QUEUED, PROVING, PROVEN, FAILED;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    public static ProofSummary of(UUID resultId, State status, int attempts, String reason, Instant updatedAt) {
        return new ProofSummary(status, attempts, reason, updatedAt, "/v1/inferences/" + resultId + "/proof");
    }
}

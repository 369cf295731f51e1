package io.veriscore.app.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.app.log.LogEntry;
import io.veriscore.app.log.LogRecordKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** On-chain submissions' records, made again from the submission, its deployment and its final event. */
@ApplicationScoped
class OnchainLogKind implements LogRecordKind {

    private final ChainRepository chains;

    OnchainLogKind(ChainRepository chains) {
        this.chains = chains;
    }

    @Override
    public String kind() {
        return OnchainLogRecord.KIND;
    }

    @Override
    public Optional<OnchainLogRecord> current(LogEntry entry, JsonNode body) {
        return submissionOf(body).flatMap(chains::submission).flatMap(submission -> chains.finalEvent(submission.id)
                .map(end -> new OnchainLogRecord(submission, chains.deployment(submission.deploymentId).orElseThrow(), end,
                        chains.recordProofFor(submission.id))));
    }

    private static Optional<UUID> submissionOf(JsonNode body) {
        try {
            return Optional.of(UUID.fromString(body.path("submissionId").asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // reported as a missing submission
        }
    }
}

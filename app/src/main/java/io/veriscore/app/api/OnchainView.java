package io.veriscore.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.veriscore.app.chain.OnchainService.Status;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a result's on-chain submission stands: {@code pending} (queued), {@code sent} (signed, broadcast),
 * {@code retrying} (the chain could not be reached), {@code mined} (recorded: block, gas, transaction), {@code reverted}
 * (the registry refused it: reason) or {@code failed} (gave up: reason).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OnchainView(String status, UUID submissionId, long chainId, String registry, String txHash, Long blockNumber,
        Long gasUsed, String reason, int attempts, Instant updatedAt, String href) {

    static OnchainView of(Status status) {
        var latest = status.latest();
        String txHash = latest.txHash != null ? latest.txHash : status.transaction().map(t -> t.txHash).orElse(null);
        return new OnchainView(latest.kind.name().toLowerCase(), status.submission().id, status.deployment().chainId,
                status.deployment().registryAddress, txHash, latest.blockNumber, latest.gasUsed, latest.reason, latest.attempt,
                latest.createdAt, "/v1/inferences/" + status.submission().inferenceId + "/onchain");
    }
}

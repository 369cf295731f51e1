package io.veriscore.app.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.veriscore.app.chain.OnchainService.Status;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a result's on-chain submission stands: {@code waiting} (for a record batch), {@code pending} (queued),
 * {@code proving} (its own onchain-profile proof, or its record batch's proof, is being made), {@code sent} (signed, broadcast),
 * {@code retrying} (the chain could not be reached), {@code mined} (recorded: block, gas, transaction), {@code reverted}
 * (the registry refused it: reason) or {@code failed} (gave up: reason). {@code chainReplaced} (with a warning) says that
 * the chain it was made on is no longer the connected one, a development chain started afresh, say. {@code recordProof}
 * names the proof recorded when it is not the result's own: a fast-profile result is proven again with the onchain
 * profile, whose verifier costs far less gas (the same commitment and logit).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OnchainView(String status, UUID submissionId, long chainId, String genesisHash, String registry,
        @Schema(nullable = true) String txHash, @Schema(nullable = true) Long blockNumber, @Schema(nullable = true) Long gasUsed,
        @Schema(nullable = true) String reason, int attempts, Instant updatedAt, String href, @Schema(nullable = true) Boolean chainReplaced,
        @Schema(nullable = true) String warning, @Schema(nullable = true) RecordProofView recordProof) {

    public record RecordProofView(String profile, String verifyingKeySha256) {}

    public static OnchainView of(Status status) {
        var latest = status.latest();
        String txHash = latest.txHash != null ? latest.txHash : status.transaction().map(t -> t.txHash).orElse(null);
        String href = "/v1/inferences/" + status.submission().inferenceId + "/onchain";
        return new OnchainView(latest.kind.name().toLowerCase(), status.submission().id, status.deployment().chainId,
                status.deployment().genesisHash.trim(), status.deployment().registryAddress, txHash, latest.blockNumber,
                latest.gasUsed, latest.reason, latest.attempt, latest.createdAt, href, status.chainReplaced() ? true : null,
                status.chainReplaced() ? "this was recorded on a chain that has since been replaced (the block its registry was"
                        + " deployed in is not on the connected chain): POST " + href + " records it on the connected chain" : null,
                status.recordProof().map(proof -> new RecordProofView(proof.profile, proof.verifyingKeySha256)).orElse(null));
    }
}

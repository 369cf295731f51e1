package io.veriscore.app.inference;

import java.util.UUID;

/**
 * Where the recording of a result on-chain stands, as a listing shows it (waiting, pending, proving, sent, retrying,
 * mined, reverted or failed); the whole account, chain and transaction included, is at {@code href}.
 */
public record OnchainSummary(String status, String href) {

    public static OnchainSummary of(UUID resultId, String status) {
        return new OnchainSummary(status, "/v1/inferences/" + resultId + "/onchain");
    }
}

package io.veriscore.app.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The chain the service submits to, its contracts and its account. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainView(Network network, Contracts contracts, String account, @Schema(nullable = true) String warning) {

    /** {@code rpcUrl} is shown for a development chain only (a production URL may carry an API key). */
    public record Network(long chainId, String genesisHash, boolean development, @Schema(nullable = true) String rpcUrl) {}

    public record Contracts(String scoreRegistry, String verifier) {}
}

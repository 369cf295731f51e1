package io.veriscore.app.chain;

import io.veriscore.app.chain.ChainConnection.Chain;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/chain")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chain", description = "Where proven scores are recorded on-chain")
@PermitAll
public class ChainResource {

    private final ChainConnection connection;
    private final Deployments deployments;

    ChainResource(ChainConnection connection, Deployments deployments) {
        this.connection = connection;
        this.deployments = deployments;
    }

    @GET
    @Operation(summary = "The network, the ScoreRegistry and verifier contracts (deployed on first use), and the service's account")
    public ChainView get() {
        Chain chain = connection.get();
        ChainDeployment deployment = deployments.current();
        return new ChainView(
                new ChainView.Network(chain.chainId(), deployment.genesisHash, chain.development(), chain.development() ? chain.rpcUrl() : null),
                new ChainView.Contracts(deployment.registryAddress, deployment.verifierAddress),
                chain.account().getAddress(),
                chain.development() ? "development chain: a local Anvil node on this machine, "
                        + "and an account whose key is publicly known" : null);
    }
}

package io.veriscore.app.chain;

import io.smallrye.health.api.Wellness;
import io.veriscore.app.chain.ChainConnection.State;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** Whether on-chain submissions can go out: the node answers with its latest block (bounded by {@code veriscore.chain.rpc-timeout}). */
@Wellness
@ApplicationScoped
public class ChainHealth implements HealthCheck {

    private final ChainConnection connection;

    ChainHealth(ChainConnection connection) {
        this.connection = connection;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("chain");
        return switch (connection.state()) {
            case State.Disabled disabled -> health.up().withData("status", "disabled (veriscore.chain.enabled=false)").build();
            case State.Connecting connecting -> health.down().withData("status", "connecting").build();
            case State.Failed failed -> health.down().withData("status", "cannot connect").withData("reason", failed.reason()).build();
            case State.Connected connected -> {
                health.withData("chainId", connected.chain().chainId()).withData("development", connected.chain().development());
                try {
                    long block = connected.chain().web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
                    yield health.up().withData("status", "connected").withData("latestBlock", block).build();
                } catch (IOException | RuntimeException e) {
                    yield health.down().withData("status", "node not answering").withData("reason", String.valueOf(e.getMessage())).build();
                }
            }
        };
    }
}

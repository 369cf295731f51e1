package io.veriscore.app.proof;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether proofs can be made: EZKL usable and every provable model's circuit built. A wellness check: it shows a
 * degraded service in {@code /q/health} without taking it out of readiness, since scoring works without proofs.
 */
@Wellness
@ApplicationScoped
public class ProverHealth implements HealthCheck {

    private final ProofEngine engine;

    ProverHealth(ProofEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("prover");
        if (!engine.available()) {
            return health.down().withData("reason", engine.unavailableReason().orElse("EZKL is not usable")).build();
        }
        Map<String, String> circuits = engine.circuitStates();
        circuits.forEach((model, state) -> health.withData("circuit." + model, state));
        health.withData("srs", engine.developmentSrs() ? "INSECURE development SRS" : "configured");
        return health.status(circuits.values().stream().noneMatch(state -> state.startsWith("failed"))).build();
    }
}

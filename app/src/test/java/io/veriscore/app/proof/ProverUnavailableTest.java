package io.veriscore.app.proof;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Inputs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a usable EZKL the service still starts and scores; proof requests get 503 and store nothing. */
@QuarkusTest
@TestProfile(ProverUnavailableTest.NoEzkl.class)
public class ProverUnavailableTest {

    public static class NoEzkl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("veriscore.prover.python", "/nonexistent/python");
        }
    }

    @Test
    void proofRequestsGet503WhilePlainScoringWorks() {
        long before = Api.client().get("/v1/inferences?limit=500").then().statusCode(200).extract().jsonPath().getList("items").size();
        Api.client().contentType(ContentType.JSON).body(ProofApiTest.proveOne(Inputs.TIRED)).post("/v1/inferences")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "60")
                .body("detail", containsString("EZKL is not usable")).body("detail", containsString("/nonexistent/python"));
        Api.client().get("/v1/inferences?limit=500").then().statusCode(200).body("items.size()", equalTo((int) before));

        Api.client().contentType(ContentType.JSON).body(Inputs.single(Inputs.TIRED)).post("/v1/inferences")
                .then().statusCode(201).body("label", equalTo("stressed"));
        Api.client().get("/v1/models/stress-mlp/circuit").then().statusCode(503).contentType("application/problem+json");
        Api.client().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\", \"proof\": {}}").post("/v1/proofs:verify")
                .then().statusCode(503).contentType("application/problem+json");
        Api.client().get("/v1/models/stress-mlp").then().statusCode(200).body("provable", equalTo(true));
    }

    /** An operator sees the degraded service in /q/health; readiness stays up, since scoring works. */
    @Test
    void healthReportsTheProverDown() {
        Api.client().get("/q/health").then().statusCode(503)
                .body("checks.find { it.name == 'prover' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'prover' }.data.reason", containsString("/nonexistent/python"));
        Api.client().get("/q/health/ready").then().statusCode(200);
    }
}

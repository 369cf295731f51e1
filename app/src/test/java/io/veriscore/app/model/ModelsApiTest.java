package io.veriscore.app.model;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import io.veriscore.app.testing.StressModelMetrics;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class ModelsApiTest {

    @Test
    void listsTheStressModelWithItsSchemas() {
        Api.client().when().get("/v1/models").then()
                .statusCode(200)
                .body("id", hasItem("stress-mlp"))
                .body("find { it.id == 'stress-mlp' }.provable", equalTo(true))
                .body("find { it.id == 'stress-mlp' }.acceptsImages", equalTo(true))
                .body("find { it.id == 'fer' }.provable", equalTo(false))
                .body("find { it.id == 'fer' }.acceptsImages", equalTo(true))
                .body("find { it.id == 'stress-mlp' }.onnx.sha256", equalTo(StressModelMetrics.metrics().get("sha256").asText()))
                .body("find { it.id == 'stress-mlp' }.inputSchema.required", hasItems("left_eye_aspect", "time_of_day"));
    }

    @Test
    void unknownModelIsAProblem() {
        Api.client().when().get("/v1/models/nope").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("no model with id 'nope'; known models: [biosignal, fer, stress-mlp]"));
    }
}

package io.veriscore.app.plugin;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plugin jar dropped into veriscore.plugins.directory is served beside the built-in ones. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestProfile(ExternalPluginApiTest.WithPluginDirectory.class)
public class ExternalPluginApiTest {

    public static class WithPluginDirectory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path work = Files.createDirectories(Path.of("target", "external-plugin")); // app/target: mvn clean removes it
                Path plugins = work.resolve("plugins");
                ExternalPluginJar.build(plugins, work.resolve("build"));
                return Map.of("veriscore.plugins.directory", plugins.toString());
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the external test plugin", e);
            }
        }
    }

    @Test
    void servesTheDroppedInPlugin() {
        Api.client().when().get("/v1/models").then().statusCode(200)
                .body("id", hasItems("stress-mlp", ExternalPluginJar.ID));
        Api.client().contentType("application/json").body("{\"model\": \"external-test\", \"input\": {}}")
                .when().post("/v1/inferences").then().statusCode(201)
                .body("model.id", equalTo(ExternalPluginJar.ID))
                .body("model.version", equalTo("0.0.1"))
                .body("label", equalTo("ok"))
                .body("details.contextLoaderIsOwn", equalTo(true)) // as Trino runs connectors: the plugin's loader
                .body("details.seesSpiResource", equalTo(true)); // SPI resources come from the SPI's loader
    }

    @Test
    void aPluginThatIsNotProvableRefusesProofRequests() {
        Api.client().get("/v1/models/{id}", ExternalPluginJar.ID).then().statusCode(200).body("provable", equalTo(false));
        Api.client().contentType("application/json").body("{\"model\": \"external-test\", \"prove\": true, \"input\": {}}")
                .when().post("/v1/inferences").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/prove"));
        Api.client().get("/v1/models/{id}/circuit", ExternalPluginJar.ID).then().statusCode(404)
                .contentType("application/problem+json");
    }
}

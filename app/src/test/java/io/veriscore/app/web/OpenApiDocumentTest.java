package io.veriscore.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The console's client is generated from {@code console/openapi.json} at its build: this test fails when the service's
 * OpenAPI document has changed and the committed one has not, so an API change the console does not follow fails the
 * build (here, or in the console's type check once the document is written again). Write it again with
 * {@code ./mvnw -pl app test -Dtest=OpenApiDocumentTest -Dwrite-openapi=true}, then build the console.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("../console/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void theConsolesCopyOfTheApiDocumentIsCurrent() throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(RestAssured.get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        ((ObjectNode) document.get("paths")).remove("/v1/test-only/unannotated"); // a test's own endpoint (AccessTest)
        String current = JSON.writeValueAsString(JSON.treeToValue(document, Object.class)) + "\n";
        if (Boolean.getBoolean("write-openapi")) {
            Files.writeString(COMMITTED, current);
        }
        assertTrue(Files.exists(COMMITTED), COMMITTED.toAbsolutePath() + " is missing: run this test with -Dwrite-openapi=true");
        assertEquals(current, Files.readString(COMMITTED), "the service's OpenAPI document changed: write console/openapi.json"
                + " again (./mvnw -pl app test -Dtest=OpenApiDocumentTest -Dwrite-openapi=true) and build the console against it");
    }
}

package io.veriscore.app.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Inputs;
import org.junit.jupiter.api.Test;

/** Who may do what: clients create and read their own results, auditors read the audit API; the rest is public. */
@QuarkusTest
public class AccessTest {

    private static final String BODY = Inputs.single(Inputs.TIRED);

    @Test
    void protectedEndpointsNeedAValidCredential() {
        given().contentType(ContentType.JSON).body(BODY).post("/v1/inferences").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        Api.as("vsk_not_a_key").contentType(ContentType.JSON).body(BODY).post("/v1/inferences").then().statusCode(401);
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/inferences").then().statusCode(401);
        given().get("/v1/audit/tree-head").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theConsoleIsPublicAndKeysTellTheirRole() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html")).header("Cache-Control", "no-cache")
                .body(containsString("<title>Veriscore console</title>"));
        Api.client().get("/v1/me").then().statusCode(200).body("name", equalTo("test-client")).body("role", equalTo("client"));
        Api.auditor().get("/v1/me").then().statusCode(200).body("role", equalTo("auditor"));
        given().get("/v1/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void eachRoleMayDoOnlyItsOwnPart() {
        Api.auditor().contentType(ContentType.JSON).body(BODY).post("/v1/inferences").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("client credential"));
        Api.client().get("/v1/audit/tree-head").then().statusCode(403).body("detail", containsString("auditor"));
        Api.client().post("/v1/audit/verify").then().statusCode(403);
    }

    @Test
    void anEndpointThatSaysNothingOfWhoMayCallItIsRefusedToEveryone() {
        given().get("/v1/test-only/unannotated").then().statusCode(401).contentType("application/problem+json");
        Api.client().get("/v1/test-only/unannotated").then().statusCode(403).contentType("application/problem+json");
        Api.auditor().get("/v1/test-only/unannotated").then().statusCode(403);
    }

    @Test
    void noClientReadsAnotherClientsResults() {
        String id = Api.client().contentType(ContentType.JSON).body(BODY).post("/v1/inferences").then().statusCode(201)
                .extract().path("id");
        Api.client().get("/v1/inferences/{id}", id).then().statusCode(200);
        Api.otherClient().get("/v1/inferences/{id}", id).then().statusCode(404).contentType("application/problem+json");
        Api.otherClient().get("/v1/inferences/{id}/proof", id).then().statusCode(404);
        Api.otherClient().get("/v1/inferences?limit=500").then().statusCode(200).body("items.id", everyItem(not(equalTo(id))));
        Api.auditor().get("/v1/inferences/{id}", id).then().statusCode(200);
        Api.auditor().get("/v1/audit/records/{id}", id).then().statusCode(200).body("entries[0].kind", equalTo("inference"));
    }

    @Test
    void anIdempotencyKeyBelongsToItsClient() {
        String mine = Api.client().header("Idempotency-Key", "shared-key").contentType(ContentType.JSON).body(BODY)
                .post("/v1/inferences").then().statusCode(201).extract().path("id");
        String theirs = Api.otherClient().header("Idempotency-Key", "shared-key").contentType(ContentType.JSON).body(BODY)
                .post("/v1/inferences").then().statusCode(201).header("Idempotent-Replayed", (String) null).extract().path("id");
        assertNotEquals(mine, theirs);
    }

    /** Models, circuits and keys are public; verifying costs an EZKL worker, so it needs a key (EZKL alone needs none). */
    @Test
    void modelsCircuitsAndKeysArePublicAndVerificationNeedsAKey() {
        given().get("/v1/models").then().statusCode(200);
        given().get("/v1/keys").then().statusCode(200);
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\", \"proof\": {}}")
                .post("/v1/proofs:verify").then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.containsString("Bearer"));
        Api.auditor().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\"}")
                .post("/v1/proofs:verify").then().statusCode(400);
    }
}

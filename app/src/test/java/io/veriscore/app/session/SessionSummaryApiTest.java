package io.veriscore.app.session;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.audit.AuditApiTest;
import io.veriscore.app.chain.OnchainApiTest;
import io.veriscore.app.inference.FaceScanApiTest;
import io.veriscore.app.proof.BatchProofApiTest;
import io.veriscore.app.proof.ProofApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.Proofs;
import io.veriscore.auditor.Verify;
import io.veriscore.transparency.Merkle;
import io.veriscore.transparency.MerkleProofs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finishing a face session: its summary signed into the log and checked from it, its frames proven in one batch proof
 * checked by the verification kit and recorded on-chain like any proven result (the development chain's profile).
 */
@QuarkusTest
@TestProfile(OnchainApiTest.QuickRetries.class)
public class SessionSummaryApiTest {

    private static final List<String> CROPS = List.of("s3-left.jpg", "s6-second.jpg", "astronaut.jpg");

    @Test
    void aProvenSummaryIsSignedItsFramesProvenAndCheckedByTheKit(@TempDir Path work) throws Exception {
        String session = SessionApiTest.open();
        for (int i = 0; i < 18; i++) {
            SessionApiTest.frame(session, CROPS.get(i % CROPS.size()), i);
        }
        JsonPath summary = Api.client().post("/v1/sessions/{id}/summary?prove=true", session).then().statusCode(201).extract().jsonPath();
        assertEquals(SessionSummaries.sample(18, 16), summary.getList("summary.proven.frames"));
        assertEquals(List.of(1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18), summary.getList("summary.proven.frames"),
                "18 frames sampled evenly down to 16, the first and the last kept");
        assertEquals(18, summary.getInt("summary.aggregates.frames"));
        List<String> results = summary.getList("summary.proven.results");
        assertEquals(16, results.size());
        double mean = results.stream().mapToDouble(id -> Api.client().get("/v1/inferences/{id}", id).then().statusCode(200)
                .extract().jsonPath().getDouble("score")).average().orElseThrow();
        assertEquals(mean, summary.getDouble("summary.proven.meanStress"), 1e-6);

        // Finished: the same summary again, and no more frames.
        Api.client().post("/v1/sessions/{id}/summary", session)
                .then().statusCode(200).body("createdAt", equalTo(summary.getString("createdAt")));
        Api.client().get("/v1/sessions/{id}/summary", session).then().statusCode(200)
                .body("summary.proven.meanStress", equalTo(summary.getFloat("summary.proven.meanStress")));
        String body = "{\"image\": \"" + FaceScanApiTest.image("s3-left.jpg") + "\"}";
        Api.client().contentType(ContentType.JSON).body(body).post("/v1/sessions/{id}/frames", session)
                .then().statusCode(409).contentType("application/problem+json");

        // The summary from the log: signed by the published key, in the signed tree, its rows unchanged.
        AuditApiTest.Entry entry = AuditApiTest.sequencedEntry(session, SessionSummaryLogRecord.KIND);
        byte[] signed = entry.body().getBytes(StandardCharsets.UTF_8);
        assertEquals(summary.getDouble("summary.proven.meanStress"), new ObjectMapper().readTree(signed).at("/proven/meanStress").asDouble());
        assertTrue(AuditApiTest.key(entry.keyId()).verify(signed, Base64.getDecoder().decode(entry.signature())));
        JsonPath records = Api.auditor().get(summary.getString("recordsHref")).then().statusCode(200).extract().jsonPath();
        MerkleProofs.verifyInclusion(entry.leafIndex(), records.getLong("entries[0].inclusion.treeSize"), Merkle.leafHash(signed),
                records.getList("entries[0].inclusion.proof", String.class).stream().map(HexFormat.of()::parseHex).toList(),
                HexFormat.of().parseHex(records.getString("entries[0].inclusion.rootHash")));

        // The frames' proof: one batch proof, checked by the kit from what the service hands out.
        JsonPath proof = Proofs.awaitStatus(results.get(0), BatchProofApiTest.FIRST_BATCH, "proven", "failed");
        assertEquals("proven", proof.getString("status"), proof.getString("reason"));
        Path answer = Files.writeString(work.resolve("proof.json"), Api.client().get("/v1/inferences/{id}/proof", results.get(3))
                .then().statusCode(200).extract().asString());
        Path circuit = Files.createDirectories(work.resolve("circuit"));
        for (String file : List.of("settings.json", "vk.key", "kzg.srs")) {
            Files.write(circuit.resolve(file), Api.client().get("/v1/models/stress-mlp/circuit/" + file + "?profile=batch")
                    .then().statusCode(200).extract().asByteArray());
        }
        java.io.StringWriter out = new java.io.StringWriter();
        int code = new picocli.CommandLine(new Verify()).setOut(new java.io.PrintWriter(out)).setErr(new java.io.PrintWriter(out))
                .execute("--proof", answer.toString(), "--circuit", circuit.toString(), "--python", ProofApiTest.python());
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().lines().anyMatch(line -> line.startsWith("PASS ezkl")), out.toString());

        // Recorded on-chain like any proven result.
        Api.client().post("/v1/inferences/{id}/onchain", results.get(0)).then().statusCode(202);
        assertEquals("mined", OnchainApiTest.awaitOnchain(results.get(0), "mined").getString("status"));
        JsonPath audit = Api.auditor().post("/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getBoolean("consistent"), audit.prettify());
    }

    @Test
    void aSessionWithoutFramesHasNothingToSummarise() {
        String session = SessionApiTest.open();
        Api.client().post("/v1/sessions/{id}/summary", session).then().statusCode(409).contentType("application/problem+json");
        Api.client().get("/v1/sessions/{id}/summary", session).then().statusCode(404);
    }
}

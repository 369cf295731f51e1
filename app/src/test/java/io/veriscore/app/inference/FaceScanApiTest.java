package io.veriscore.app.inference;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.veriscore.app.proof.ProofApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import io.veriscore.app.testing.Proofs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Images in place of features: real photos from models/face/testset, real models, real PostgreSQL and EZKL. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class FaceScanApiTest {

    public static final Path TEST_SET = Path.of("../models/face/testset");
    public static final String MORNING = "2026-11-23T08:30:00+01:00";

    public static String image(String file) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(TEST_SET.resolve(file)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static ValidatableResponse scan(String model, String base64, String extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("image", base64);
        body.put("capturedAt", MORNING);
        String json = json(body);
        if (!extra.isEmpty()) {
            json = json.substring(0, json.length() - 1) + "," + extra + "}";
        }
        return Api.client().contentType(ContentType.JSON).body(json).post("/v1/inferences").then();
    }

    @Test
    void aFaceScanScoresTheFeaturesItExtractsAndSaysWhereTheFaceWas() {
        JsonPath result = scan("stress-mlp", image("astronaut.jpg"), "").statusCode(201)
                .body("model.id", equalTo("stress-mlp"))
                .body("input.time_of_day", equalTo(0.354167f)) // 08:30 local: 8.5 / 24, six decimals
                .body("input", hasKey("brow_tension"))
                .body("details.face.facesFound", equalTo(1))
                .body("details.face.box.width", greaterThan(100f))
                .body("details.face.landmarkPresence", greaterThan(0.9f))
                .body("details.face.image.width", equalTo(384))
                .body("details.face.capturedAt", equalTo(MORNING))
                .extract().jsonPath();
        // The same features sent as plain input: the same score and the same input hash.
        String features = json(result.getMap("input"));
        Api.client().contentType(ContentType.JSON).body("{\"model\": \"stress-mlp\", \"input\": " + features + "}")
                .post("/v1/inferences").then().statusCode(201)
                .body("score", equalTo(result.getFloat("score")))
                .body("inputSha256", equalTo(result.getString("inputSha256")));
        Api.client().get("/v1/inferences/{id}", result.getString("id")).then().statusCode(200)
                .body("input.left_eye_aspect", equalTo(result.getFloat("input.left_eye_aspect")))
                .body("details.face.box.x", equalTo(result.getFloat("details.face.box.x")));
    }

    @Test
    void anUploadedFileIsScannedLikeABase64Image() {
        String json = scan("stress-mlp", image("s6-second.jpg"), "").statusCode(201).extract().path("inputSha256");
        Api.client().multiPart("model", "stress-mlp").multiPart("capturedAt", MORNING)
                .multiPart("image", TEST_SET.resolve("s6-second.jpg").toFile(), "image/jpeg")
                .post("/v1/inferences").then().statusCode(201)
                .body("inputSha256", equalTo(json))
                .body("details.face.facesFound", equalTo(1));
        Api.client().multiPart("model", "stress-mlp").post("/v1/inferences").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'image'"));
    }

    @Test
    void theFerPluginReadsASmileAsHappy() {
        scan("fer", image("astronaut.jpg"), "").statusCode(201)
                .body("label", equalTo("happy"))
                .body("score", greaterThan(0.9f))
                .body("details.probabilities.size()", equalTo(7))
                .body("details.face.facesFound", equalTo(1));
        scan("fer", image("s3-left.jpg"), "").statusCode(201).body("label", equalTo("neutral"));
    }

    @Test
    void ofSeveralFacesTheLargestIsScoredAndTheClientIsTold() {
        scan("stress-mlp", image("group-sample1.jpg"), "").statusCode(201)
                .body("details.face.facesFound", equalTo(3))
                .body("warnings", hasItem("3 faces in the image; the largest was scored"));
    }

    @Test
    void imagesWithoutAUsableFaceAreProblemsThatSayWhy() throws IOException {
        BufferedImage group = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image("group-sample1.jpg"))));
        problem(scan("stress-mlp", png(group.getSubimage(0, 0, 500, 400)), ""), 422, "no-face")
                .body("detail", containsString("no face found"));
        problem(scan("fer", Base64.getEncoder().encodeToString("GIF89a not supported".getBytes()), ""), 422, "not-an-image");
        BufferedImage astronaut = ImageIO.read(TEST_SET.resolve("astronaut.jpg").toFile());
        float[] box = new float[81];
        java.util.Arrays.fill(box, 1f / 81);
        var blur = new java.awt.image.ConvolveOp(new java.awt.image.Kernel(9, 9, box), java.awt.image.ConvolveOp.EDGE_NO_OP, null);
        problem(scan("stress-mlp", png(blur.filter(blur.filter(blur.filter(astronaut, null), null), null)), ""), 422, "face-blurred");
        scan("stress-mlp", "not base64 at all!", "").statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("base64"));
    }

    @Test
    void malformedImageRequestsAre400Problems() {
        String both = "{\"model\": \"stress-mlp\", \"image\": \"" + image("astronaut.jpg") + "\", \"input\": {}}";
        Api.client().contentType(ContentType.JSON).body(both).post("/v1/inferences").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("exactly one of"));
        String badTime = "{\"model\": \"stress-mlp\", \"image\": \"" + image("astronaut.jpg") + "\", \"capturedAt\": \"8:30\"}";
        Api.client().contentType(ContentType.JSON).body(badTime).post("/v1/inferences").then().statusCode(400)
                .body("detail", containsString("RFC 3339"));
    }

    @Test
    void aProvenFaceScanCommitsToTheExtractedFeatures() {
        JsonPath scanned = scan("stress-mlp", image("s3-left.jpg"), "\"prove\": true").statusCode(202).extract().jsonPath();
        String features = json(scanned.getMap("input"));
        String plain = Api.client().contentType(ContentType.JSON)
                .body("{\"model\": \"stress-mlp\", \"prove\": true, \"input\": " + features + "}")
                .post("/v1/inferences").then().statusCode(202).extract().path("id");
        JsonPath fromImage = Proofs.awaitStatus(scanned.getString("id"), ProofApiTest.FIRST_PROOF, "proven", "failed");
        assertEquals("proven", fromImage.getString("status"), fromImage.getString("reason"));
        JsonPath fromFeatures = Proofs.awaitStatus(plain, ProofApiTest.FIRST_PROOF, "proven");
        assertEquals(fromFeatures.getString("statement.outputInstance"), fromImage.getString("statement.outputInstance"),
                "the same features, the same proven logit");
        Map<String, Object> input = scanned.getMap("input");
        String ordered = List.of("left_eye_aspect", "right_eye_aspect", "brow_tension", "mouth_tension", "eye_symmetry",
                "mouth_opening", "time_of_day").stream().map(name -> String.valueOf(input.get(name))).toList().toString();
        assertEquals(fromImage.getString("statement.inputCommitment"), ProofApiTest.clientCommitment(ordered,
                fromImage.getString("secret.salt")), "the image's proof commits to the features extracted from it");
        assertEquals(scanned.getDouble("score"), fromImage.getDouble("statement.score"), 0.01);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String reason) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/image"))
                .body("errors[0].detail", equalTo(reason));
    }

    private static String png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

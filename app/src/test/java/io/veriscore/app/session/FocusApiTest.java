package io.veriscore.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.veriscore.app.inference.FaceScanApiTest;
import io.veriscore.app.testing.Api;
import io.veriscore.app.testing.EmbeddedPostgresResource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Head pose, gaze and focus of real face crops through the session API, at the default (calibrated) thresholds. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class FocusApiTest {

    @Test
    void aTurnedHeadLowersFocus() {
        String session = SessionApiTest.open();
        JsonPath facing = null;
        for (int i = 0; i < 3; i++) {
            facing = SessionApiTest.frame(session, "astronaut.jpg", i);
        }
        assertEquals(-1.1, facing.getDouble("pose.yaw"), 1, "the astronaut faces the camera");
        double focused = facing.getDouble("focus.score");
        assertTrue(focused > 0.6, "focus " + focused + " (pitch reads -8.4: see docs/api.md)");
        double focusedEma = facing.getDouble("aggregates.focus.ema");
        JsonPath turned = null;
        for (int i = 3; i < 6; i++) {
            turned = SessionApiTest.frame(session, "s4-first.jpg", i);
        }
        assertTrue(turned.getDouble("pose.yaw") > 25, "s4-first turns towards the image's right: yaw " + turned.getDouble("pose.yaw"));
        assertEquals(0, turned.getDouble("focus.face"), "33 degrees is past max-angle");
        assertTrue(turned.getDouble("focus.score") < focused - 0.4, "focus " + focused + " -> " + turned.getDouble("focus.score"));
        assertTrue(turned.getDouble("aggregates.focus.ema") < focusedEma - 0.25, "ema " + focusedEma + " -> "
                + turned.getDouble("aggregates.focus.ema"));
        assertTrue(turned.getDouble("aggregates.focus.focusedShare") < 1, "the EMA fell below focused-from");
        JsonPath listed = Api.client().get("/v1/sessions/{id}/frames?after=3&limit=1", session).then().statusCode(200).extract().jsonPath();
        assertEquals(turned.getDouble("pose.yaw"), listed.getDouble("frames[0].pose.yaw"), 1e-9, "stored as answered");
        assertEquals(turned.getDouble("gaze.offset"), listed.getDouble("frames[0].gaze.offset"), 1e-9);
    }

    @Test
    void closedEyesRaisePerclosAtTheCalibratedThreshold() {
        String session = SessionApiTest.open();
        SessionApiTest.frame(session, "astronaut.jpg", 0);
        assertEquals(0, SessionApiTest.frame(session, "astronaut.jpg", 1).getDouble("aggregates.perclos"), "open eyes (EAR 0.320)");
        for (String closed : new String[] {"s1-middle.jpg", "s2-middle.jpg"}) {
            SessionApiTest.frame(session, closed, 2);
        }
        JsonPath last = SessionApiTest.frame(session, "s2-right.jpg", 3);
        assertEquals(0.6, last.getDouble("aggregates.perclos"), 1e-4, "three closed of five (EAR 0.210, 0.275, 0.251 < 0.285)");
        assertTrue(last.getDouble("focus.eye") < 0.2, "closed eyes: eye sub-score " + last.getDouble("focus.eye"));
    }

    @Test
    void aFrameWithoutAFaceIsRefusedAndCountedForFocus() throws IOException {
        String session = SessionApiTest.open();
        SessionApiTest.frame(session, "astronaut.jpg", 0);
        BufferedImage group = ImageIO.read(FaceScanApiTest.TEST_SET.resolve("group-sample1.jpg").toFile());
        ByteArrayOutputStream wall = new ByteArrayOutputStream();
        ImageIO.write(group.getSubimage(0, 0, 500, 400), "png", wall); // the wall above the group: no face
        String body = "{\"image\": \"" + Base64.getEncoder().encodeToString(wall.toByteArray()) + "\", \"capturedAt\": \""
                + SessionApiTest.START.plusSeconds(1) + "\"}";
        Api.client().contentType(ContentType.JSON).body(body).post("/v1/sessions/{id}/frames", session)
                .then().statusCode(422).contentType("application/problem+json");
        JsonPath view = Api.client().get("/v1/sessions/{id}", session).then().statusCode(200).extract().jsonPath();
        assertEquals(1, view.getInt("aggregates.frames"), "the refused frame is not stored");
        assertEquals(1, view.getInt("aggregates.focus.noFaceFrames"));
        assertEquals(view.getDouble("aggregates.focus.latest"), view.getDouble("aggregates.focus.ema"), 1e-9,
                "within the grace frames: focus unchanged");
    }
}

package io.veriscore.app.testing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Inputs of the stress model the tests score, and the requests and answers around them. */
public final class Inputs {

    private Inputs() {}

    public static final String TIRED = """
            {"left_eye_aspect": 0.18, "right_eye_aspect": 0.19, "brow_tension": 0.025, "mouth_tension": 8.0,
             "eye_symmetry": 0.12, "mouth_opening": 0.05, "time_of_day": 0.67}""";
    public static final String RESTED = """
            {"left_eye_aspect": 0.32, "right_eye_aspect": 0.33, "brow_tension": 0.045, "mouth_tension": 5.0,
             "eye_symmetry": 0.04, "mouth_opening": 0.18, "time_of_day": 0.34}""";
    /** RESTED with its keys in another order and its numbers written differently: the same input. */
    public static final String RESTED_REORDERED = """
            {"time_of_day": 0.34, "mouth_opening": 0.180, "eye_symmetry": 4e-2, "mouth_tension": 5,
             "brow_tension": 0.045, "right_eye_aspect": 0.33, "left_eye_aspect": 0.32}""";

    public static String single(String input) {
        return "{\"model\": \"stress-mlp\", \"input\": " + input + "}";
    }

    public static ValidatableResponse post(String body) {
        return Api.client().contentType(ContentType.JSON).body(body).when().post("/v1/inferences").then();
    }

    public static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", notNullValue()).body("detail", notNullValue());
    }
}

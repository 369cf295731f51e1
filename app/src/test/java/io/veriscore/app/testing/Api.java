package io.veriscore.app.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests as the test credentials make them (see the %test credentials in application.properties). */
public final class Api {

    public static final String CLIENT_KEY = "vsk_test_client";
    public static final String OTHER_CLIENT_KEY = "vsk_other_client";
    public static final String AUDITOR_KEY = "vsk_test_auditor";

    private Api() {}

    public static RequestSpecification client() {
        return as(CLIENT_KEY);
    }

    public static RequestSpecification otherClient() {
        return as(OTHER_CLIENT_KEY);
    }

    public static RequestSpecification auditor() {
        return as(AUDITOR_KEY);
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}

package io.veriscore.app;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests as the test credentials make them (see the %test credentials in application.properties). */
final class Api {

    static final String CLIENT_KEY = "vsk_test_client";
    static final String OTHER_CLIENT_KEY = "vsk_other_client";
    static final String AUDITOR_KEY = "vsk_test_auditor";

    private Api() {}

    static RequestSpecification client() {
        return as(CLIENT_KEY);
    }

    static RequestSpecification otherClient() {
        return as(OTHER_CLIENT_KEY);
    }

    static RequestSpecification auditor() {
        return as(AUDITOR_KEY);
    }

    static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}

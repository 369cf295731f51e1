package io.veriscore.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.veriscore.app.error.VeriscoreException.FieldError;
import java.util.List;

/** An RFC 9457 problem detail; {@code errors} lists individual problems, each at a JSON pointer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** The {@code WWW-Authenticate} challenge of a 401: an API key as a bearer token. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"veriscore\"";
}

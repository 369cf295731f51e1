package io.veriscore.app.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A face session; {@code aggregates} once it has frames. */
public record SessionView(UUID id, Instant createdAt, String framesHref,
        @JsonInclude(JsonInclude.Include.NON_NULL) SessionAggregates aggregates) {

    public static SessionView of(FaceSession session, SessionAggregates aggregates) {
        return new SessionView(session.id, session.createdAt, "/v1/sessions/" + session.id + "/frames", aggregates);
    }
}

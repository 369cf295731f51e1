package io.veriscore.app.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A face session; {@code aggregates} once it has frames. */
public record SessionView(UUID id, Instant createdAt, String framesHref,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) SessionAggregates aggregates) {

    /** One page of a listing; {@code nextCursor} is null on the last page. */
    @Schema(name = "SessionPage")
    public record Page(List<SessionView> items, @Schema(nullable = true) String nextCursor) {}

    public static SessionView of(FaceSession session, SessionAggregates aggregates) {
        return new SessionView(session.id, session.createdAt, "/v1/sessions/" + session.id + "/frames", aggregates);
    }
}

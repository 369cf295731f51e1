package io.veriscore.app.status;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.veriscore.app.auth.CurrentCaller;
import io.veriscore.app.auth.Role;
import io.veriscore.app.inference.InferenceService;
import io.veriscore.app.web.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** A result's status as server-sent events: its proof and its on-chain record, now and at each change. */
@Path("/v1/inferences/{id}/events")
@Tag(name = "Inferences")
@RolesAllowed({Role.CLIENT_ROLE, Role.AUDITOR_ROLE})
public class ResultEventsResource {

    private final InferenceService results;
    private final StatusStream stream;
    private final CurrentCaller caller;

    ResultEventsResource(InferenceService results, StatusStream stream, CurrentCaller caller) {
        this.results = results;
        this.stream = stream;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking // finding the result reads the database; the events then come from a worker pool
    @Operation(summary = "Server-sent events: the result's proof and on-chain status now, then at each change",
            description = "Each event's data is {result, proof, onchain, last}; the stream ends after the event with last: true"
                    + " (the proof failed, the on-chain submission ended, nothing was asked for, or 15 minutes passed).")
    @APIResponse(responseCode = "200", description = "The stream: one event now, one at each change",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = StatusStream.Status.class)))
    @APIResponse(responseCode = "404", description = "No such result", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "This key has its limit of streams open on this instance; retry after"
            + " Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Too many streams open on this instance; retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Multi<StatusStream.Status> events(@PathParam("id") UUID id) {
        return stream.of(results.get(id, caller.get()), caller.get().name());
    }
}

package io.veriscore.app.chain;

import io.veriscore.app.auth.CurrentCaller;
import io.veriscore.app.auth.Role;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.InferenceService;
import io.veriscore.app.web.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recording a proven result on-chain, and where that stands. */
@Path("/v1/inferences/{id}/onchain")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inferences")
@RolesAllowed({Role.CLIENT_ROLE, Role.AUDITOR_ROLE})
public class OnchainResource {

    private final InferenceService results;
    private final OnchainService onchain;
    private final CurrentCaller caller;

    OnchainResource(InferenceService results, OnchainService onchain, CurrentCaller caller) {
        this.results = results;
        this.onchain = onchain;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Record a proven result on-chain: the ScoreRegistry verifies its proof and keeps its score",
            description = "Accepted at once and carried out in the background; asking again returns the same submission."
                    + " Its status (pending, sent, retrying, mined, reverted, failed) shows at GET /v1/inferences/{id}/onchain.")
    @APIResponse(responseCode = "202", description = "Submission queued, or the one already made",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OnchainView.class)))
    @APIResponse(responseCode = "409", description = "The result has no proof yet", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The chain cannot be reached; nothing was queued",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Role.CLIENT_ROLE)
    public Response submitOnchain(@PathParam("id") UUID id) {
        InferenceRecord record = results.get(id, caller.get());
        OnchainView view = OnchainView.of(onchain.submit(record));
        return Response.accepted(view).location(URI.create(view.href())).build();
    }

    @GET
    @Operation(summary = "Where the result's on-chain submission stands: block, gas and transaction once mined")
    @APIResponse(responseCode = "200", description = "The submission's status")
    @APIResponse(responseCode = "404", description = "No such result, or it was never submitted",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public OnchainView onchain(@PathParam("id") UUID id) {
        InferenceRecord record = results.get(id, caller.get());
        return onchain.latest(record.id).map(OnchainView::of)
                .orElseThrow(() -> VeriscoreException.notFound("result " + id + " was not submitted on-chain"));
    }
}

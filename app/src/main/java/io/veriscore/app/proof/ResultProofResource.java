package io.veriscore.app.proof;

import io.veriscore.app.auth.Caller;
import io.veriscore.app.auth.CurrentCaller;
import io.veriscore.app.auth.Role;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.ProofSummary;
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

/** A result's proof: where it stands, the proof once made, and asking for it later. */
@Path("/v1/inferences/{id}/proof")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inferences")
@RolesAllowed({Role.CLIENT_ROLE, Role.AUDITOR_ROLE})
public class ResultProofResource {

    private final InferenceService results;
    private final ProofService proofs;
    private final CurrentCaller caller;

    ResultProofResource(InferenceService results, ProofService proofs, CurrentCaller caller) {
        this.results = results;
        this.proofs = proofs;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The proof of a result: its status and, once proven, the EZKL proof with its public instances",
            description = "The statement is the input commitment and the score; verify the proof with POST /v1/proofs:verify"
                    + " or with EZKL and the artefacts of GET /v1/models/{id}/circuit.")
    @APIResponse(responseCode = "200", description = "The proof, or its status while it is being made")
    @APIResponse(responseCode = "404", description = "No such result, or no proof was asked for",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ProofView proof(@PathParam("id") UUID id) {
        Caller who = caller.get();
        InferenceRecord record = results.get(id, who);
        return ProofView.of(record, proofs.tracked(record), who.role() != Role.AUDITOR && who.name().equals(record.client));
    }

    @POST
    @Operation(summary = "Ask for the proof of a result stored without one",
            description = "The proof is made in the background, as with \"prove\": true at scoring; asking again changes nothing."
                    + " Its status shows at GET /v1/inferences/{id}/proof and in the result's events.")
    @APIResponse(responseCode = "202", description = "The proof's status: queued, or the one it already has",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProofSummary.class)))
    @APIResponse(responseCode = "404", description = "No such result", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The result's model cannot be proven", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The prover is unavailable; nothing was asked", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Role.CLIENT_ROLE)
    public Response requestProof(@PathParam("id") UUID id) {
        InferenceRecord record = results.get(id, caller.get());
        ProofStatus status = proofs.requestLater(record);
        return Response.accepted(status.summary(record.id))
                .location(URI.create("/v1/inferences/" + id + "/proof")).build();
    }
}

package io.veriscore.app.proof;

import io.veriscore.app.auth.Role;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.web.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/proofs:verify")
@Tag(name = "Proofs", description = "Verify a zero-knowledge proof of a score")
@RolesAllowed({Role.CLIENT_ROLE, Role.AUDITOR_ROLE}) // verifying costs an EZKL worker: anyone may check a proof with EZKL alone
public class ProofResource {

    private final ProofChecks proofs;

    ProofResource(ProofChecks proofs) {
        this.proofs = proofs;
    }

    /**
     * Verifies anyone's proof against a model's verifying key; nothing stored by this service is consulted. It needs a
     * key (verifying costs an EZKL worker), and runs on verifiers of its own, so verifications never hold up proofs.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify an EZKL proof against a model's verifying key",
            description = "Send {model, proof}, proof being the EZKL proof file as JSON. The answer says whether it is"
                    + " valid and, if it is, what it states: the input commitment and the score.")
    @APIResponse(responseCode = "200", description = "Checked: see 'valid'")
    @APIResponse(responseCode = "400", description = "Malformed request", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid key", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Unknown or unprovable model, or not a proof of this model's shape",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The prover is unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public VerificationView verify(
            @Valid @NotNull(message = "the request body must be a JSON object: {model, proof}") VerificationView.Request request) {
        if (!request.proof().isObject()) {
            throw VeriscoreException.invalidRequest("'proof' is required: the EZKL proof file as a JSON object");
        }
        return VerificationView.of(proofs.verify(request.model(), request.proof()));
    }
}

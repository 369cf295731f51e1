package io.veriscore.app.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who a key belongs to: the console signs in with it and shows what the role may do. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access", description = "The caller a key belongs to")
@RolesAllowed({Role.CLIENT_ROLE, Role.AUDITOR_ROLE})
public class MeResource {

    private final CurrentCaller caller;

    MeResource(CurrentCaller caller) {
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's name and role (client or auditor)")
    public Me me() {
        Caller me = caller.get();
        return new Me(me.name(), me.role().securityRole());
    }

    public record Me(String name, @Schema(enumeration = {"client", "auditor"}) String role) {}
}

package io.veriscore.app.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** An endpoint someone forgot to annotate with who may call it: AccessTest checks that nobody may. */
@Path("/v1/test-only/unannotated")
public class UnannotatedResource {

    @GET
    public String secret() {
        return "nobody should read this";
    }
}

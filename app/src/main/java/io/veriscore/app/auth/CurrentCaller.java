package io.veriscore.app.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.Kind;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;

/** The caller of the current request, as Quarkus Security authenticated it ({@link ApiKeyMechanism}). */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        return Caller.of(identity).orElseThrow(() ->
                new VeriscoreException(Kind.UNAUTHORIZED, "this endpoint needs a credential", List.of()));
    }
}

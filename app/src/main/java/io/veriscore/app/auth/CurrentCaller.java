package io.veriscore.app.auth;

import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.Kind;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;

/** The caller of the current request, as {@link AccessFilter} admitted it. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new VeriscoreException(Kind.UNAUTHORIZED, "this endpoint needs a credential", List.of());
        }
        return caller;
    }
}

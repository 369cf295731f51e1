package io.veriscore.app.auth;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;

/** Who sent a request: the name of its credential and that credential's role. */
public record Caller(String name, Role role) {

    /** The caller Quarkus Security authenticated ({@link ApiKeyMechanism}); empty for an anonymous request. */
    public static Optional<Caller> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        Role role = identity.getRoles().contains(Role.CLIENT_ROLE) ? Role.CLIENT : Role.AUDITOR;
        return Optional.of(new Caller(identity.getPrincipal().getName(), role));
    }

    /** Whether this caller may read a result created by {@code owner}. */
    public boolean maySee(String owner) {
        return role == Role.AUDITOR || name.equals(owner);
    }
}

package io.veriscore.app.auth;

/** Who sent a request: the name of its credential and that credential's role. */
public record Caller(String name, Role role) {

    /** Whether this caller may read a result created by {@code owner}. */
    public boolean maySee(String owner) {
        return role == Role.AUDITOR || name.equals(owner);
    }
}

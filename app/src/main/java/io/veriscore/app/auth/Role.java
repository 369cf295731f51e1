package io.veriscore.app.auth;

/** What a credential may do. */
public enum Role {
    /** Creates results and reads its own. */
    CLIENT,
    /** Reads the audit API and every result; creates nothing. */
    AUDITOR;

    /** The security role names resources name in {@code @RolesAllowed}. */
    public static final String CLIENT_ROLE = "client";
    public static final String AUDITOR_ROLE = "auditor";

    public String securityRole() {
        return this == CLIENT ? CLIENT_ROLE : AUDITOR_ROLE;
    }
}

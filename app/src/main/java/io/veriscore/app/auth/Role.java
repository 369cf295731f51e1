package io.veriscore.app.auth;

/** What a credential may do. */
public enum Role {
    /** Creates results and reads its own. */
    CLIENT,
    /** Reads the audit API and every result; creates nothing. */
    AUDITOR
}

package io.veriscore.app.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Map;

@ConfigMapping(prefix = "veriscore.auth")
public interface AuthConfig {
    /**
     * API credentials by name, each a role ({@code client} creates and reads its own results; {@code auditor} reads
     * the audit API and every result) and the SHA-256 (hex) of its key; keys are sent as {@code Authorization: Bearer}.
     * None configured in development mode: a client and an auditor credential are generated at first start and
     * printed once; in production mode at least one is required.
     */
    Map<String, Credential> credentials();

    /**
     * Requests a key may make per minute (a token bucket: this many at once, refilled over the minute), unless its
     * credential sets its own; 0: no limit. Over it, 429 with Retry-After and RateLimit headers.
     */
    @WithDefault("6000")
    int requestsPerMinute();

    /** Where development mode keeps the hashes of its generated credentials. */
    @WithDefault(".veriscore/dev-credentials.json")
    Path devCredentialsFile();

    interface Credential {
        Role role();

        /** SHA-256 of the key, 64 hex digits; the key itself is never stored. */
        String keySha256();

        /** This key's own {@code requests-per-minute}. */
        java.util.OptionalInt requestsPerMinute();
    }
}

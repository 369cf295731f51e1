package io.veriscore.app.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits every HTTP request shares. */
@ConfigMapping(prefix = "veriscore.http")
public interface HttpConfig {
    /**
     * Longest a request may take before it is answered 503 and its worker thread interrupted, so that no request
     * can hold a worker for ever. A streamed export that has begun is left to finish.
     */
    @WithDefault("PT60S")
    Duration deadline();

    /** The deadline of {@code POST /v1/audit/verify}, which re-verifies up to 1,000 stored proofs with EZKL. */
    @WithDefault("PT30M")
    Duration auditDeadline();

    /** Largest request body, in bytes; larger bodies get 413. Room for a base64 image of {@code face.max-image-bytes}. */
    @WithDefault("8388608")
    long maxBodyBytes();
}

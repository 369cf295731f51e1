package io.veriscore.app.inference;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "veriscore.inference")
public interface InferenceConfig {
    /** Most inputs accepted in one batch request. */
    @WithDefault("256")
    int maxBatchSize();

    /** Page size of {@code GET /v1/inferences} when the client gives none. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest page size a client may ask for. */
    @WithDefault("500")
    int maxPageSize();

    /** Most requests whose results are committed together in one transaction (see {@code ResultWriter}). */
    @WithDefault("64")
    int writeGroupSize();

    /** Requests that may wait for the writer; past that a request is answered 503 with Retry-After. */
    @WithDefault("4096")
    int writeQueueSize();

    /**
     * Event streams ({@code GET /v1/inferences/{id}/events}) open at once on this instance; more are answered 503. An
     * idle stream costs a connection and no query.
     */
    @WithDefault("4096")
    int maxEventStreams();

    /** Event streams one client may have open on this instance; more are answered 429. */
    @WithDefault("256")
    int maxEventStreamsPerClient();
}

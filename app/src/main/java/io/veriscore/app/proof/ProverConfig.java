package io.veriscore.app.proof;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

@ConfigMapping(prefix = "veriscore.prover")
public interface ProverConfig {
    /** The Python interpreter with the pinned {@code ezkl} package that {@code ./veriscore} installs. */
    @WithDefault(".veriscore/ezkl-venv/bin/python")
    Path python();

    /** The content-addressed store of circuits (settings, compiled circuit, keys, development SRS). */
    @WithDefault(".veriscore/circuits")
    Path circuitDirectory();

    /**
     * The circuit profile of every provable model: {@code fast} (the quickest proof, 2^9 rows) or {@code onchain}
     * (fewer, longer columns: a smaller EVM verifier that costs less gas). Circuits of both profiles can be kept
     * side by side; each proof records its profile.
     */
    @WithDefault("fast")
    String profile();

    /** Limit of one circuit set-up (calibration, compilation, keys); the EZKL process tree is killed after it. */
    @WithDefault("PT10M")
    Duration setupTimeout();

    /** Limit of one proof or verification; the EZKL process tree is killed after it. */
    @WithDefault("PT2M")
    Duration proveTimeout();

    /** Proof jobs of single results run at once by this instance; default: one per core. */
    OptionalInt concurrency();

    /**
     * Batch proof jobs run at once by this instance, in a pool (and a job table) of their own: a batch proof takes
     * seconds, and single proofs never wait behind one.
     */
    @WithDefault("1")
    int batchConcurrency();

    /** Proofs one client may have queued (asked for, not yet made); more are refused with 429. */
    @WithDefault("1024")
    int maxQueuedPerClient();

    /** Verifications ({@code POST /v1/proofs:verify}) run at once by this instance, on EZKL workers apart from the provers'. */
    @WithDefault("1")
    int verifiers();

    /** Attempts at one proof before it ends as {@code failed}. */
    @WithDefault("3")
    int maxAttempts();

    /** Wait before the first retry; it doubles with every further attempt. */
    @WithDefault("PT5S")
    Duration retryBackoff();

    Srs srs();

    interface Srs {
        /**
         * A Perpetual Powers of Tau SRS file (KZG, BN254) with at least 2^logrows points. Without one a
         * development SRS is generated locally; proofs made with it are insecure, and production mode refuses it.
         */
        Optional<Path> path();

        /** SHA-256 (hex) of the SRS files this service accepts; required with {@code path}. */
        Optional<Set<String>> allowedSha256();
    }
}

package io.veriscore.app.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import io.veriscore.app.auth.Role;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Veriscore's own settings, under the {@code veriscore.} prefix. */
@ConfigMapping(prefix = "veriscore")
public interface VeriscoreConfig {

    /** How the service is run. */
    enum Mode {
        /** Local defaults are allowed: a generated, insecure SRS among them. */
        DEVELOPMENT,
        /** Every trust anchor must be configured; the service refuses to start with a development SRS. */
        PRODUCTION
    }

    /** {@code development} (the default) or {@code production}. */
    @WithDefault("development")
    Mode mode();

    EmbeddedDb embeddedDb();

    Http http();

    Plugins plugins();

    Inference inference();

    Face face();

    Session session();

    Onnx onnx();

    Prover prover();

    Signing signing();

    Log log();

    Auth auth();

    Chain chain();

    interface EmbeddedDb {
        /**
         * Data directory of the embedded PostgreSQL that starts when no {@code quarkus.datasource.jdbc.url} is
         * set; it survives restarts. Read by {@code Main} before Quarkus boots.
         */
        @WithDefault(".veriscore/postgres")
        Path dir();
    }

    /** Limits every HTTP request shares. */
    interface Http {
        /**
         * Longest a request may take before it is answered 503 and its worker thread interrupted, so that no request
         * can hold a worker for ever. A streamed export that has begun is left to finish.
         */
        @WithDefault("PT60S")
        Duration deadline();

        /** The deadline of {@code POST /v1/audit/verify}, which re-verifies up to 1,000 stored proofs with EZKL. */
        @WithDefault("PT30M")
        Duration auditDeadline();
    }

    interface Plugins {
        /**
         * Directory scanned at start-up for external plugins: each {@code *.jar} in it, and each
         * sub-directory of jars, is loaded in a class loader of its own. None by default.
         */
        Optional<Path> directory();
    }

    /** The face-scan path: images in place of a face model's input. */
    interface Face {
        /** Largest image, in bytes once base64-decoded; larger ones get 413. */
        @WithDefault("6291456")
        long maxImageBytes();

        /** Largest image in pixels (width x height), read from its header before any decoding; larger ones get 413. */
        @WithDefault("25000000")
        long maxPixels();

        /**
         * Memory that images being decoded may take together, estimated from their headers (pixels x bytes per decoded
         * pixel); an image that needs more than all of it gets 413, one that must wait longer than
         * {@code decode-wait} for its share gets 503 with Retry-After.
         */
        @WithDefault("512M")
        MemorySize decodeMemory();

        /** How long an image waits for its share of {@code decode-memory}. */
        @WithDefault("PT2S")
        Duration decodeWait();

        /** BlazeFace score (0 to 1) from which a detection counts as a face. */
        @WithDefault("0.5")
        double minDetectionScore();

        /** Narrowest face accepted, in image pixels (the landmarks' box); narrower ones get 422 face-too-small. */
        @WithDefault("64")
        double minFaceWidth();

        /**
         * Least sharpness: variance of the Laplacian over the face at 128 x 128 grey levels. Sharp photos measure
         * 40 to 600 (models/face/testset), a face blurred with a 9-pixel box three times 2.6. Blurrier: 422 face-blurred.
         */
        @WithDefault("20")
        double minSharpness();

        /** Least confidence (0 to 1) of FaceMesh that its crop holds a face; less: 422 face-unclear. */
        @WithDefault("0.5")
        double minPresence();
    }

    /** Face sessions: the eye-closure and yawn thresholds of the focus/drowsiness study, and Body Debt's stress-spike rule. */
    interface Session {
        /** The face model whose score is each frame's stress, and whose input features give its eye and mouth ratios. */
        @WithDefault("stress-mlp")
        String stressModel();

        /** The face model whose label is each frame's emotion, with its probabilities in its details. */
        @WithDefault("fer")
        String emotionModel();

        /** The stress model's input features whose mean is a frame's eye aspect ratio. */
        @WithDefault("left_eye_aspect,right_eye_aspect")
        List<String> eyeAspectFeatures();

        /** The stress model's input feature that is a frame's mouth aspect ratio. */
        @WithDefault("mouth_opening")
        String mouthAspectFeature();

        /** Mean eye aspect ratio below which the eyes count as closed (PERCLOS). */
        @WithDefault("0.16")
        double earClosed();

        /** Eye aspect ratio a blink dips below and comes back above. */
        @WithDefault("0.21")
        double earBlink();

        /** Eye aspect ratio from which the eyes count as fully open. */
        @WithDefault("0.30")
        double earOpen();

        /** Mouth aspect ratio (inner lips' gap / width) above which the mouth counts as yawning. */
        @WithDefault("0.55")
        double marYawn();

        /** PERCLOS is the share of closed-eye frames among the last this many. */
        @WithDefault("60")
        int perclosFrames();

        /** Blink rate is counted over the frames captured in this window before the latest. */
        @WithDefault("PT30S")
        Duration blinkWindow();

        /** Smoothing factor of the stress trend's exponential moving average. */
        @WithDefault("0.3")
        double emaAlpha();

        /** A frame is a stress spike when its score exceeds the mean of the three before it by more than this. */
        @WithDefault("0.15")
        double spikeRise();
    }

    interface Inference {
        /** Most inputs accepted in one batch request. */
        @WithDefault("256")
        int maxBatchSize();

        /** Largest request body, in bytes; larger bodies get 413. Room for a base64 image of {@code face.max-image-bytes}. */
        @WithDefault("8388608")
        long maxBodyBytes();

        /** Page size of {@code GET /v1/inferences} when the client gives none. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest page size a client may ask for. */
        @WithDefault("500")
        int maxPageSize();
    }

    interface Onnx {
        /**
         * Threads ONNX Runtime may use inside one model run. The models are tiny, so one thread per
         * run, with requests running in parallel, uses the cores best.
         */
        @WithDefault("1")
        int intraOpThreads();
    }

    interface Prover {
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

        /** Proof jobs run at once by this instance; default: one per core. */
        OptionalInt concurrency();

        /** Attempts at one proof before it ends as {@code failed}. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the first retry; it doubles with every further attempt. */
        @WithDefault("PT5S")
        Duration retryBackoff();

        /** How often a busy instance tells the others that its jobs are alive. */
        @WithDefault("PT5S")
        Duration heartbeatInterval();

        /**
         * Heartbeats missed before another instance (or this one, restarted) takes over a job: a job of an
         * instance that died is resumed after about {@code heartbeat-interval} times this. At least 4.
         */
        @WithDefault("6")
        int missedHeartbeatsLimit();

        /** How often each instance looks for due jobs that it was not told about. */
        @WithDefault("PT1S")
        Duration pollingInterval();

        Srs srs();
    }

    interface Srs {
        /**
         * A Perpetual Powers of Tau SRS file (KZG, BN254) with at least 2^logrows points. Without one a
         * development SRS is generated locally; proofs made with it are insecure, and production mode refuses it.
         */
        Optional<Path> path();

        /** SHA-256 (hex) of the SRS files this service accepts; required with {@code path}. */
        Optional<Set<String>> allowedSha256();
    }

    interface Signing {
        /**
         * The service's Ed25519 key, PKCS#8 PEM. Generated on first start (owner-only permissions) when the file does
         * not exist. To rotate, point this at a new key: the old public key stays published in {@code GET /v1/keys}.
         */
        @WithDefault(".veriscore/keys/signing-key.pem")
        Path keyFile();
    }

    interface Log {
        /** How often the sequencer adds waiting records to the Merkle tree and signs a new tree head (1 s at least). */
        @WithDefault("PT1S")
        Duration sequenceInterval();

        /** Most records added to the tree in one step. */
        @WithDefault("5000")
        int batchSize();
    }

    interface Auth {
        /**
         * API credentials by name, each a role ({@code client} creates and reads its own results; {@code auditor} reads
         * the audit API and every result) and the SHA-256 (hex) of its key; keys are sent as {@code Authorization: Bearer}.
         * None configured in development mode: a client and an auditor credential are generated at first start and
         * printed once; in production mode at least one is required.
         */
        Map<String, Credential> credentials();

        /** Where development mode keeps the hashes of its generated credentials. */
        @WithDefault(".veriscore/dev-credentials.json")
        Path devCredentialsFile();
    }

    interface Credential {
        Role role();

        /** SHA-256 of the key, 64 hex digits; the key itself is never stored. */
        String keySha256();
    }

    interface Chain {
        /** Whether proven results can be submitted on-chain; when false, the chain endpoints answer 503. */
        @WithDefault("true")
        boolean enabled();

        /**
         * JSON-RPC URL of the chain. Unset in development mode: a local Anvil node is started on a free loopback
         * port, with the development mnemonic's publicly known account #0 as the service's account. Required in
         * production mode.
         */
        Optional<String> rpcUrl();

        /** The chain's EIP-155 id; it must match what the node reports. Required with {@code rpc-url}. */
        Optional<Long> chainId();

        /** Encrypted (Web3 Secret Storage) keystore file of the account that deploys and submits. Required with {@code rpc-url}. */
        Optional<Path> keystore();

        /** Name of the environment variable holding the keystore's password. */
        @WithDefault("VERISCORE_CHAIN_KEYSTORE_PASSWORD")
        String keystorePasswordEnv();

        /** Where the development chain's Anvil is installed (by the build's {@code npm install}). */
        @WithDefault("contracts")
        Path devNodeDirectory();

        /**
         * Where the pinned solc-js is installed (by the build's {@code npm install}): a model version proven with the
         * {@code onchain} profile gets a verifier of its own, compiled when it is first registered on a chain.
         */
        @WithDefault("contracts")
        Path compilerDirectory();

        /**
         * Where the development chain keeps its state, so that on-chain records survive restarts (set in
         * application.properties to {@code .veriscore/dev-chain/state.json}); unset: the chain lives in memory.
         */
        Optional<Path> devStateFile();

        /** Limit of one JSON-RPC call; a node that does not answer in time counts as unreachable. */
        @WithDefault("PT10S")
        Duration rpcTimeout();

        /** How long one attempt waits for its transaction to be mined before it is retried (and looked up again). */
        @WithDefault("PT2M")
        Duration receiptTimeout();

        /** Attempts of a submission while the chain is unreachable, before it ends {@code failed}. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the second attempt; it doubles each time. */
        @WithDefault("PT2S")
        Duration retryBackoff();

        /**
         * How many on-chain submissions run at once on this instance, in a worker pool of their own (a submission
         * mostly waits for its receipt): proofs never wait for them.
         */
        @WithDefault("2")
        int concurrency();
    }
}

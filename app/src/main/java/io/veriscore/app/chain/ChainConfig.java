package io.veriscore.app.chain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "veriscore.chain")
public interface ChainConfig {
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

    /**
     * Accounts besides the service's own that may record on the registry it deployed (other instances' accounts): the
     * owning instance names each with {@code setRecorder} before its first submission there. Retiring one is the
     * owner's {@code setRecorder(account, false)}.
     */
    Optional<java.util.List<String>> recorders();

    /**
     * How often the log's latest signed tree head is anchored on the registry when the log has grown since the last
     * anchor (one transaction of about 52,000 gas, whatever the number of new entries); zero: never.
     */
    @WithDefault("PT10M")
    Duration anchorInterval();

    /**
     * How long a request to record a fast-proven result waits for others of the same model version, to be recorded with
     * them in one batch proof and one transaction; zero: each is recorded alone at once.
     */
    @WithDefault("PT10S")
    Duration batchWindow();

    /**
     * The fewest results recorded as a batch: below it, each is recorded alone (a batch through the reusable verifier
     * costs about 2.6M gas whatever its rows, a single about 654,000).
     */
    @WithDefault("5")
    int batchMin();

    /** How often an instance looks whether an anchor is due. */
    @WithDefault("15s")
    String anchorCheck();
}

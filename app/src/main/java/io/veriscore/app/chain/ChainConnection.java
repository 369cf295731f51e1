package io.veriscore.app.chain;

import io.quarkus.runtime.StartupEvent;
import io.veriscore.app.InstanceLock;
import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.web.ReadyNotes;
import io.veriscore.contracts.DevChain;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The chain the service submits to, and its account. In development mode with no {@code veriscore.chain.rpc-url}, a
 * development chain (Anvil) is started at boot on a free loopback port, keeping its state in
 * {@code veriscore.chain.dev-state-file} so that records survive restarts;
 * otherwise the configured node, with the key of an encrypted keystore.
 */
@ApplicationScoped
public class ChainConnection implements ReadyNotes {

    private static final Logger LOG = Logger.getLogger(ChainConnection.class);
    private static final Duration NODE_START = Duration.ofMinutes(2);
    /** How long a request waits for a connection still being made (the development node starts in a few seconds). */
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

    /** What submitting needs: the node, the account, and whether this is a throw-away development chain. */
    public record Chain(Web3j web3j, Credentials account, long chainId, String rpcUrl, boolean development) {}

    private final ChainConfig config;
    private final VeriscoreConfig.Mode mode;
    private volatile CompletableFuture<Chain> chain;
    private volatile DevChain devNode;
    private volatile InstanceLock devStateLock;

    ChainConnection(ChainConfig chainConfig, VeriscoreConfig config) {
        this.config = chainConfig;
        this.mode = config.mode();
        if (this.config.enabled() && mode == VeriscoreConfig.Mode.PRODUCTION
                && (this.config.rpcUrl().isEmpty() || this.config.chainId().isEmpty() || this.config.keystore().isEmpty())) {
            throw new IllegalStateException("production mode needs veriscore.chain.rpc-url, chain-id and keystore "
                    + "(or veriscore.chain.enabled=false)");
        }
    }

    @Override
    public List<String> readyNotes() {
        if (!config.enabled() || config.rpcUrl().isPresent()) {
            return List.of();
        }
        return List.of("WARNING: development chain (Anvil, a publicly known key), starting in the background; its state "
                + config.devStateFile().map(file -> "in " + file).orElse("in memory only"));
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            chain(); // in the background: the service answers meanwhile
        }
    }

    /** The chain, once connected; 503 while the development node is starting or when it could not be reached. */
    public Chain get() {
        if (!config.enabled()) {
            throw VeriscoreException.unavailable("on-chain submission is disabled (veriscore.chain.enabled=false)", 3600);
        }
        try {
            return chain().get(CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw VeriscoreException.unavailable("the chain is not connected yet", 5);
        } catch (ExecutionException e) {
            throw VeriscoreException.unavailable("cannot connect to the chain: " + e.getCause().getMessage(), 30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VeriscoreException.unavailable("interrupted while connecting to the chain", 5);
        }
    }

    private synchronized CompletableFuture<Chain> chain() {
        if (chain == null || chain.isCompletedExceptionally()) {
            chain = CompletableFuture.supplyAsync(this::connect);
            chain.whenComplete((connected, failure) -> {
                if (failure != null) {
                    LOG.errorf(failure, "Cannot connect to the chain (tried again at the next request)");
                }
            });
        }
        return chain;
    }

    private Chain connect() {
        if (config.rpcUrl().isEmpty()) {
            if (devStateLock == null && config.devStateFile().isPresent()) {
                devStateLock = InstanceLock.claim(config.devStateFile().get(), "the development chain's state");
            }
            devNode = DevChain.start(config.devNodeDirectory().toAbsolutePath(), config.devStateFile(), NODE_START);
            LOG.infof("Development chain: Anvil at %s (pid %d, chain id %d), account #0 with its publicly known key; %s",
                    devNode.rpcUrl(), devNode.pid(), DevChain.CHAIN_ID, config.devStateFile()
                            .map(file -> "its state is kept in " + file.toAbsolutePath()).orElse("its state ends with this service"));
            return open(devNode.rpcUrl(), DevChain.CHAIN_ID, Credentials.create(DevChain.DEVELOPMENT_KEY), true);
        }
        String url = config.rpcUrl().get();
        long chainId = config.chainId().orElseThrow(() -> new IllegalStateException("veriscore.chain.chain-id is required with rpc-url"));
        Chain connected = open(url, chainId, keystoreAccount(), false);
        try {
            long reported = connected.web3j().ethChainId().send().getChainId().longValueExact();
            if (reported != chainId) {
                throw new IllegalStateException("the node at " + url + " is on chain " + reported + ", not the configured " + chainId);
            }
        } catch (IOException e) {
            LOG.warnf("Chain at %s not reachable yet (%s): submissions wait for it", url, e.getMessage());
        }
        LOG.infof("Chain %d at %s, account %s", chainId, url, connected.account().getAddress());
        return connected;
    }

    private Chain open(String url, long chainId, Credentials account, boolean development) {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(config.rpcTimeout()).build();
        return new Chain(Web3j.build(new HttpService(url, http)), account, chainId, url, development);
    }

    private Credentials keystoreAccount() {
        String password = System.getenv(config.keystorePasswordEnv());
        if (password == null) {
            throw new IllegalStateException("the keystore's password is not in the environment variable " + config.keystorePasswordEnv());
        }
        try {
            return WalletUtils.loadCredentials(password, config.keystore().orElseThrow().toFile());
        } catch (IOException | CipherException e) {
            throw new IllegalStateException("cannot open the keystore " + config.keystore().orElseThrow() + ": " + e.getMessage(), e);
        }
    }

    /** Where the connection stands, without waiting: for health. */
    public sealed interface State {
        record Disabled() implements State {}
        record Connecting() implements State {}
        record Connected(Chain chain) implements State {}
        record Failed(String reason) implements State {}
    }

    public State state() {
        CompletableFuture<Chain> current = chain;
        if (!config.enabled()) {
            return new State.Disabled();
        }
        if (current == null || !current.isDone()) {
            return new State.Connecting();
        }
        try {
            return new State.Connected(current.getNow(null));
        } catch (CompletionException e) {
            return new State.Failed(String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
    }

    /** The development node's process id, when this service started one. */
    public java.util.OptionalLong devNodePid() {
        DevChain node = devNode;
        return node == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(node.pid());
    }

    @PreDestroy
    void stop() {
        if (devNode != null) {
            devNode.close();
        }
        if (devStateLock != null) {
            devStateLock.close();
        }
    }
}

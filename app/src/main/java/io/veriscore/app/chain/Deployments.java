package io.veriscore.app.chain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.chain.ChainConnection.Chain;
import io.veriscore.app.proof.EvmVerifier;
import io.veriscore.contracts.CircuitVerifier;
import io.veriscore.contracts.VerifyingKeyArtifact;
import io.veriscore.contracts.generated.Halo2VerifierReusable;
import io.veriscore.contracts.generated.ScoreRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Veriscore's contracts on the connected chain: deployed on first use and recorded in PostgreSQL, and each model
 * version registered with the registry before its first submission. Every transaction of the service's account is
 * sent under one database lock, which keeps nonces in order across threads and instances.
 */
@ApplicationScoped
public class Deployments {

    private static final Logger LOG = Logger.getLogger(Deployments.class);
    /** Deployments wait for their receipts inside the lock's transaction; a slow chain needs this long. */
    private static final int TRANSACTION_SECONDS = 600;
    private static final Duration RECEIPT_POLL = Duration.ofMillis(200);
    /** Which ScoreRegistry this service deploys: the SHA-256 of its creation code. */
    static final String REGISTRY_CODE_SHA256 = HexFormat.of().formatHex(Hash.sha256(Numeric.hexStringToByteArray(ScoreRegistry.BINARY)));

    private final ChainConnection connection;
    private final ChainRepository chains;
    private final Fees fees;

    private final Duration receiptTimeout;

    Deployments(ChainConnection connection, ChainRepository chains, Fees fees, ChainConfig chainConfig) {
        this.receiptTimeout = chainConfig.receiptTimeout();
        this.connection = connection;
        this.chains = chains;
        this.fees = fees;
    }

    /**
     * The genesis of the chain connected now, without waiting for a connection: empty while none is made or the node
     * does not answer. A record made on another genesis was made on a chain that has since been replaced.
     */
    public Optional<String> connectedGenesis() {
        if (!(connection.state() instanceof ChainConnection.State.Connected connected)) {
            return Optional.empty();
        }
        Chain chain = connected.chain();
        String known = genesisOfConnected;
        if (known != null && chain == connectedChain) {
            return Optional.of(known);
        }
        try {
            String genesis = genesisHash(chain);
            connectedChain = chain;
            genesisOfConnected = genesis;
            return Optional.of(genesis);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private volatile Chain connectedChain;
    private volatile String genesisOfConnected;

    /** The chain's identity: its id and the hash of its genesis block. */
    public String genesisHash(Chain chain) throws IOException {
        return chain.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.ZERO), false).send().getBlock().getHash();
    }

    /** The contracts on the connected chain, deployed now if they are not there. */
    public ChainDeployment current() {
        Chain chain = connection.get();
        try {
            String genesis = genesisHash(chain);
            ChainDeployment known = QuarkusTransaction.requiringNew().call(() -> chains.deployment(chain.chainId(), genesis).orElse(null));
            if (usable(chain, known)) {
                return known;
            }
            return QuarkusTransaction.requiringNew().timeout(TRANSACTION_SECONDS).call(() -> {
                lockAccount(chain);
                ChainDeployment again = chains.deployment(chain.chainId(), genesis).orElse(null);
                if (usable(chain, again)) {
                    return again;
                }
                if (again != null && deployed(chain, again.registryAddress)) {
                    LOG.warnf("The ScoreRegistry at %s on chain %d runs older code than this service's: deploying the current"
                            + " one beside it (records made there stay there)", again.registryAddress, chain.chainId());
                }
                return deploy(chain, genesis);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a model version (its verifying key and how it is verified) with the deployment's registry, once. */
    public ChainModel registered(ChainDeployment deployment, String verifyingKeySha256, EvmVerifier verifier) {
        return QuarkusTransaction.requiringNew().call(() -> chains.model(deployment.id, verifyingKeySha256)).orElseGet(() ->
                QuarkusTransaction.requiringNew().timeout(TRANSACTION_SECONDS).call(() -> {
                    Chain chain = connection.get();
                    lockAccount(chain);
                    return chains.model(deployment.id, verifyingKeySha256).orElseGet(() -> register(chain, deployment, verifyingKeySha256, verifier));
                }));
    }

    /**
     * The account's next nonce: past every transaction this service stored (a stored one may not have reached the node
     * yet) and past what the node has seen. Call under {@link #lockAccount}.
     */
    public long nextNonce(Chain chain, String genesisHash) throws IOException {
        String account = chain.account().getAddress();
        long node = chain.web3j().ethGetTransactionCount(account, DefaultBlockParameterName.PENDING).send()
                .getTransactionCount().longValueExact();
        long stored = chains.lastNonce(chain.chainId(), genesisHash, account).orElse(-1) + 1;
        return Math.max(node, stored);
    }

    /** Serialises the account's transactions; call inside the transaction that records them. */
    public void lockAccount(Chain chain) {
        chains.lock("chain-account:" + chain.chainId() + ":" + chain.account().getAddress());
    }

    /** A deployment still on the chain, of the registry code this service was built with. */
    private boolean usable(Chain chain, ChainDeployment deployment) throws IOException {
        return deployment != null && REGISTRY_CODE_SHA256.equals(deployment.registryCodeSha256) && deployed(chain, deployment.registryAddress);
    }

    private ChainDeployment deploy(Chain chain, String genesis) throws Exception {
        RawTransactionManager transactions = transactions(chain, genesis);
        Halo2VerifierReusable verifier = Halo2VerifierReusable.deploy(chain.web3j(), transactions, fees.forDeployment(chain)).send();
        ScoreRegistry registry = ScoreRegistry.deploy(chain.web3j(), transactions, fees.forDeployment(chain)).send();
        ChainDeployment deployment = new ChainDeployment();
        deployment.chainId = chain.chainId();
        deployment.genesisHash = genesis;
        deployment.verifierAddress = verifier.getContractAddress();
        deployment.registryAddress = registry.getContractAddress();
        deployment.account = chain.account().getAddress();
        deployment.registryCodeSha256 = REGISTRY_CODE_SHA256;
        deployment.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LOG.infof("Deployed on chain %d: ScoreRegistry %s, Halo2VerifierReusable %s", chain.chainId(),
                deployment.registryAddress, deployment.verifierAddress);
        return chains.store(deployment);
    }

    private ChainModel register(Chain chain, ChainDeployment deployment, String verifyingKeySha256, EvmVerifier verifier) {
        try {
            RawTransactionManager transactions = transactions(chain, deployment.genesisHash);
            ScoreRegistry registry = ScoreRegistry.load(deployment.registryAddress, chain.web3j(), transactions, fees.forDeployment(chain));
            byte[] key = HexFormat.of().parseHex(verifyingKeySha256);
            ChainModel model = new ChainModel();
            String registered = registry.models(key).send().component1();
            boolean known = !registered.equals("0x0000000000000000000000000000000000000000");
            switch (verifier) {
                case EvmVerifier.Reusable reusable -> {
                    List<byte[]> vka = VerifyingKeyArtifact.read(reusable.vka());
                    if (!known) {
                        registry.registerModel(key, deployment.verifierAddress, vka).send();
                    }
                    model.vkaDigest = Numeric.toHexString(VerifyingKeyArtifact.digest(vka));
                    model.verifierAddress = deployment.verifierAddress;
                }
                case EvmVerifier.SingleCircuit single -> {
                    if (!known) {
                        registered = CircuitVerifier.deploy(chain.web3j(), transactions, fees.forDeployment(chain), single.code())
                                .getContractAddress();
                        registry.registerCircuitVerifier(key, registered).send();
                    }
                    model.verifierAddress = registered;
                }
            }
            model.deploymentId = deployment.id;
            model.verifyingKeySha256 = verifyingKeySha256;
            model.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            LOG.infof("Registered verifying key %s with ScoreRegistry %s", verifyingKeySha256, deployment.registryAddress);
            return chains.store(model);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot register the model on-chain: " + e.getMessage(), e);
        }
    }

    /**
     * Sends with the account's key and the nonces of {@link #nextNonce}, and waits for each receipt up to
     * {@code receipt-timeout} (the job retries after that).
     */
    private RawTransactionManager transactions(Chain chain, String genesisHash) {
        long attempts = Math.max(1, receiptTimeout.toMillis() / RECEIPT_POLL.toMillis());
        return new RawTransactionManager(chain.web3j(), chain.account(), chain.chainId(),
                new PollingTransactionReceiptProcessor(chain.web3j(), RECEIPT_POLL.toMillis(), (int) Math.min(attempts, Integer.MAX_VALUE))) {
            @Override
            protected BigInteger getNonce() throws IOException {
                return BigInteger.valueOf(nextNonce(chain, genesisHash));
            }
        };
    }

    private static boolean deployed(Chain chain, String address) throws IOException {
        String code = chain.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return code != null && code.length() > 2;
    }
}

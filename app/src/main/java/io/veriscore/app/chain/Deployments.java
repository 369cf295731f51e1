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
import org.web3j.protocol.core.methods.response.TransactionReceipt;
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
    private final List<String> recorders;

    Deployments(ChainConnection connection, ChainRepository chains, Fees fees, ChainConfig chainConfig) {
        this.receiptTimeout = chainConfig.receiptTimeout();
        this.recorders = chainConfig.recorders().orElse(List.of());
        this.connection = connection;
        this.chains = chains;
        this.fees = fees;
    }

    /**
     * Whether a deployment is on the chain connected now, without waiting for a connection: empty while none is made or
     * the node does not answer. A record made through a deployment that is not there was made on a chain that has since
     * been replaced.
     */
    public Optional<Boolean> onConnectedChain(ChainDeployment deployment) {
        if (!(connection.state() instanceof ChainConnection.State.Connected connected)) {
            return Optional.empty();
        }
        try {
            return Optional.of(onChain(connected.chain(), deployment));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the deployment's contracts are on this chain: the block its registry was deployed in is still at its height
     * with its hash (for a deployment made before that was recorded: the chain's genesis is the one it was made on).
     * Remembered for a few seconds per chain, since status reads ask it on every call.
     */
    public boolean onChain(Chain chain, ChainDeployment deployment) throws IOException {
        Checked known = checked.get(deployment.id);
        if (known != null && known.chain() == chain && known.at() > System.nanoTime() - CHECK_REMEMBERED.toNanos()) {
            return known.onChain();
        }
        boolean onChain;
        if (deployment.anchorBlockNumber == null) {
            onChain = deployment.genesisHash.trim().equals(blockHash(chain, 0).orElse(null));
        } else {
            onChain = deployment.anchorBlockHash.trim().equals(blockHash(chain, deployment.anchorBlockNumber).orElse(null));
        }
        checked.put(deployment.id, new Checked(chain, onChain, System.nanoTime()));
        return onChain;
    }

    private record Checked(Chain chain, boolean onChain, long at) {}

    private static final Duration CHECK_REMEMBERED = Duration.ofSeconds(5);
    private final java.util.Map<Long, Checked> checked = new java.util.concurrent.ConcurrentHashMap<>();

    private static Optional<String> blockHash(Chain chain, long number) throws IOException {
        var block = chain.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send().getBlock();
        return Optional.ofNullable(block).map(b -> b.getHash());
    }

    /** The contracts on the connected chain, deployed now if they are not there. */
    public ChainDeployment current() {
        ChainDeployment deployment = deployedOrFound();
        nameRecorders(connection.get(), deployment);
        return deployment;
    }

    /**
     * Names the configured recorders on a registry this service's account owns, once per deployment and start: each one
     * not yet a recorder gets a {@code setRecorder} transaction, sent under the account's lock.
     */
    private void nameRecorders(Chain chain, ChainDeployment deployment) {
        if (recorders.isEmpty() || !named.add(deployment.id) || !deployment.account.equalsIgnoreCase(chain.account().getAddress())) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().timeout(TRANSACTION_SECONDS).call(() -> {
                lockAccount(chain);
                ScoreRegistry registry = ScoreRegistry.load(deployment.registryAddress, chain.web3j(), transactions(chain),
                        fees.forDeployment(chain));
                for (String account : recorders) {
                    if (!registry.recorders(account).send()) {
                        registry.setRecorder(account, true).send();
                        LOG.infof("Named %s a recorder of ScoreRegistry %s", account, deployment.registryAddress);
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            named.remove(deployment.id); // tried again at the next submission
            throw e;
        }
    }

    private final java.util.Set<Long> named = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ChainDeployment deployedOrFound() {
        Chain chain = connection.get();
        try {
            ChainDeployment known = usable(chain, QuarkusTransaction.requiringNew().call(() -> chains.deployments(chain.chainId())));
            if (known != null) {
                return known;
            }
            return QuarkusTransaction.requiringNew().timeout(TRANSACTION_SECONDS).call(() -> {
                lockAccount(chain);
                List<ChainDeployment> all = chains.deployments(chain.chainId());
                ChainDeployment again = usable(chain, all);
                if (again != null) {
                    return again;
                }
                for (ChainDeployment older : all) {
                    if (onChain(chain, older)) {
                        LOG.warnf("The ScoreRegistry at %s on chain %d runs older code than this service's: deploying the"
                                + " current one beside it (records made there stay there)", older.registryAddress, chain.chainId());
                        break;
                    }
                }
                return deploy(chain);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deployments on this chain, of any registry code: the ones whose transactions share the account's nonces. */
    private List<Long> onThisChain(Chain chain) throws IOException {
        List<Long> ids = new java.util.ArrayList<>();
        for (ChainDeployment deployment : chains.deployments(chain.chainId())) {
            if (onChain(chain, deployment)) {
                ids.add(deployment.id);
            }
        }
        return ids;
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
    public long nextNonce(Chain chain) throws IOException {
        String account = chain.account().getAddress();
        long node = chain.web3j().ethGetTransactionCount(account, DefaultBlockParameterName.PENDING).send()
                .getTransactionCount().longValueExact();
        List<Long> deployments = onThisChain(chain);
        long stored = deployments.isEmpty() ? 0 : chains.lastNonce(deployments, account).orElse(-1) + 1;
        return Math.max(node, stored);
    }

    /** Serialises the account's transactions; call inside the transaction that records them. */
    public void lockAccount(Chain chain) {
        chains.lock("chain-account:" + chain.chainId() + ":" + chain.account().getAddress());
    }

    /**
     * The newest deployment on the chain when it runs the registry code this service was built with; null when there is
     * none, or when the newest one runs other code (a persisted chain of an older version: the current registry is
     * deployed beside it).
     */
    private ChainDeployment usable(Chain chain, List<ChainDeployment> deployments) throws IOException {
        for (ChainDeployment deployment : deployments) {
            if (onChain(chain, deployment)) {
                return REGISTRY_CODE_SHA256.equals(deployment.registryCodeSha256) && deployed(chain, deployment.registryAddress)
                        ? deployment : null;
            }
        }
        return null;
    }

    private ChainDeployment deploy(Chain chain) throws Exception {
        String genesis = blockHash(chain, 0).orElseThrow(() -> new IOException("the chain has no block 0"));
        RawTransactionManager transactions = transactions(chain);
        Halo2VerifierReusable verifier = Halo2VerifierReusable.deploy(chain.web3j(), transactions, fees.forDeployment(chain)).send();
        ScoreRegistry registry = ScoreRegistry.deploy(chain.web3j(), transactions, fees.forDeployment(chain)).send();
        ChainDeployment deployment = new ChainDeployment();
        deployment.chainId = chain.chainId();
        deployment.genesisHash = genesis;
        deployment.verifierAddress = verifier.getContractAddress();
        deployment.registryAddress = registry.getContractAddress();
        deployment.account = chain.account().getAddress();
        deployment.registryCodeSha256 = REGISTRY_CODE_SHA256;
        TransactionReceipt anchor = registry.getTransactionReceipt().orElseThrow(() -> new IOException("no receipt for the registry's deployment"));
        deployment.anchorBlockNumber = anchor.getBlockNumber().longValueExact();
        deployment.anchorBlockHash = anchor.getBlockHash();
        deployment.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LOG.infof("Deployed on chain %d: ScoreRegistry %s, Halo2VerifierReusable %s", chain.chainId(),
                deployment.registryAddress, deployment.verifierAddress);
        return chains.store(deployment);
    }

    private ChainModel register(Chain chain, ChainDeployment deployment, String verifyingKeySha256, EvmVerifier verifier) {
        try {
            RawTransactionManager transactions = transactions(chain);
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
    RawTransactionManager transactions(Chain chain) {
        long attempts = Math.max(1, receiptTimeout.toMillis() / RECEIPT_POLL.toMillis());
        return new RawTransactionManager(chain.web3j(), chain.account(), chain.chainId(),
                new PollingTransactionReceiptProcessor(chain.web3j(), RECEIPT_POLL.toMillis(), (int) Math.min(attempts, Integer.MAX_VALUE))) {
            @Override
            protected BigInteger getNonce() throws IOException {
                return BigInteger.valueOf(nextNonce(chain));
            }
        };
    }

    private static boolean deployed(Chain chain, String address) throws IOException {
        String code = chain.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
        return code != null && code.length() > 2;
    }
}

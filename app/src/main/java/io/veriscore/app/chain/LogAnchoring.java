package io.veriscore.app.chain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.veriscore.app.chain.ChainConnection.Chain;
import io.veriscore.app.log.LogQueries;
import io.veriscore.app.log.TreeHeadAnchors;
import io.veriscore.app.log.TreeHeadRecord;
import io.veriscore.contracts.generated.ScoreRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Anchors the log's latest signed tree head on the registry when the log has grown and the last anchor is older than
 * {@code veriscore.chain.anchor-interval}: one transaction of about 52,000 gas, whatever the number of new entries, so
 * every result, proven or not, is anchored within an interval. Whether one is due is read from the database under the
 * account's lock, so it holds across restarts and instances.
 */
@ApplicationScoped
public class LogAnchoring implements TreeHeadAnchors {

    private static final Logger LOG = Logger.getLogger(LogAnchoring.class);
    /** A ceiling well above an anchor's gas (about 52,000), so that a fault cannot spend more. */
    private static final BigInteger ANCHOR_GAS = BigInteger.valueOf(100_000);
    private static final int TRANSACTION_SECONDS = 300;

    private final ChainConnection connection;
    private final Deployments deployments;
    private final ChainRepository chains;
    private final LogQueries log;
    private final Fees fees;
    private final ChainConfig config;

    LogAnchoring(ChainConnection connection, Deployments deployments, ChainRepository chains, LogQueries log, Fees fees,
            ChainConfig config) {
        this.connection = connection;
        this.deployments = deployments;
        this.chains = chains;
        this.log = log;
        this.fees = fees;
        this.config = config;
    }

    @Scheduled(every = "${veriscore.chain.anchor-check}", delayed = "${veriscore.chain.anchor-check}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.enabled() || config.anchorInterval().isZero()) {
            return;
        }
        try {
            anchorIfDue();
        } catch (RuntimeException e) { // the chain is away, say: the next check tries again
            LOG.warnf("Anchoring the log's tree head on-chain failed; trying again at the next check: %s", e.getMessage());
        }
    }

    /** Anchors the latest signed tree head if an anchor is due; answers the anchor made. */
    public Optional<TreeHeadAnchor> anchorIfDue() {
        Optional<TreeHeadRecord> head = QuarkusTransaction.requiringNew().call(log::latestHeadIfAny);
        if (head.isEmpty() || head.get().treeSize == 0) {
            return Optional.empty();
        }
        Chain chain = connection.get();
        ChainDeployment deployment = deployments.current();
        if (!QuarkusTransaction.requiringNew().call(() -> due(deployment, head.get()))) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().timeout(TRANSACTION_SECONDS).call(() -> {
            deployments.lockAccount(chain);
            return due(deployment, head.get()) ? Optional.of(anchor(chain, deployment, head.get())) : Optional.empty();
        });
    }

    private boolean due(ChainDeployment deployment, TreeHeadRecord head) {
        Optional<TreeHeadAnchor> last = chains.latestAnchor(List.of(deployment.id));
        return last.isEmpty() || last.get().treeSize < head.treeSize
                && !last.get().createdAt.plus(config.anchorInterval()).isAfter(Instant.now());
    }

    private TreeHeadAnchor anchor(Chain chain, ChainDeployment deployment, TreeHeadRecord head) throws Exception {
        ScoreRegistry registry = ScoreRegistry.load(deployment.registryAddress, chain.web3j(), deployments.transactions(chain),
                fees.limitedTo(chain, ANCHOR_GAS));
        BigInteger size = BigInteger.valueOf(head.treeSize);
        TreeHeadAnchor anchor = new TreeHeadAnchor();
        anchor.deploymentId = deployment.id;
        anchor.treeSize = head.treeSize;
        byte[] anchored = registry.anchoredRoots(size).send();
        if (!Arrays.equals(anchored, new byte[32])) { // sent before a crash: the chain has it, this table did not
            if (!Arrays.equals(anchored, head.rootHash)) {
                throw new IllegalStateException("the registry holds another root for tree size " + head.treeSize + ": 0x"
                        + HexFormat.of().formatHex(anchored));
            }
        } else {
            long started = System.nanoTime();
            TransactionReceipt receipt = registry.anchorTreeHead(size, head.rootHash, micros(head.issuedAt),
                    HexFormat.of().parseHex(head.keyId), head.signature).send();
            anchor.txHash = receipt.getTransactionHash();
            anchor.blockNumber = receipt.getBlockNumber().longValueExact();
            anchor.gasUsed = receipt.getGasUsed().longValueExact();
            LOG.infof("Anchored the log's tree head of %d entries on chain %d: block %d, gas %d, %d ms", head.treeSize,
                    chain.chainId(), anchor.blockNumber, anchor.gasUsed, Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        anchor.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return chains.store(anchor);
    }

    /** The tree head's time as the event carries it: microseconds since the epoch, its full precision. */
    static BigInteger micros(Instant instant) {
        return BigInteger.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    }

    /**
     * The largest anchor made through a deployment on the chain connected now; empty while no chain is connected (the
     * records answer never waits for one).
     */
    @Override
    public Optional<Anchor> latest() {
        if (!config.enabled() || !(connection.state() instanceof ChainConnection.State.Connected connected)) {
            return Optional.empty();
        }
        long chainId = connected.chain().chainId();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ChainDeployment> here = chains.deployments(chainId).stream()
                    .filter(deployment -> deployments.onConnectedChain(deployment).orElse(false)).toList();
            if (here.isEmpty()) {
                return Optional.<Anchor>empty();
            }
            return chains.latestAnchor(here.stream().map(deployment -> deployment.id).toList()).map(anchor -> {
                ChainDeployment deployment = here.stream().filter(d -> d.id.equals(anchor.deploymentId)).findFirst().orElseThrow();
                byte[] root = log.head(anchor.treeSize).orElseThrow().rootHash;
                return new Anchor(anchor.treeSize, root, chainId, deployment.registryAddress, anchor.txHash, anchor.blockNumber);
            });
        });
    }
}

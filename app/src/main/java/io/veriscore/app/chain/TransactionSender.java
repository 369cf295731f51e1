package io.veriscore.app.chain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.chain.ChainConnection.Chain;
import io.veriscore.app.chain.ChainEvent.Kind;
import io.veriscore.contracts.RevertReasons;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The account's transactions to the registry: checked against the chain's state, signed with the next nonce and
 * stored before anything is sent; sent again after a crash (the node is asked whether it has them); their receipts
 * awaited; a revert's reason read from the chain.
 */
@ApplicationScoped
class TransactionSender {

    private static final RevertReasons REASONS = RevertReasons.scoreRegistry();
    /** Headroom over the node's gas estimate. */
    private static final BigInteger GAS_MARGIN_PERCENT = BigInteger.valueOf(120);
    private static final Duration RECEIPT_POLL = Duration.ofMillis(200);

    private final Deployments deployments;
    private final ChainRepository chains;
    private final Fees fees;
    private final ChainConfig config;

    TransactionSender(Deployments deployments, ChainRepository chains, Fees fees, ChainConfig config) {
        this.deployments = deployments;
        this.chains = chains;
        this.fees = fees;
        this.config = config;
    }

    /**
     * Checks the submission against the chain's current state (a refusal ends it as reverted, unsent), then signs it with
     * the next nonce and stores it, all under the account's lock, so no two transactions share a nonce.
     */
    ChainTransaction signAndStore(Chain chain, ChainDeployment deployment, ChainSubmission submission, String call,
            List<UUID> together, int attempt) {
        return QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            deployments.lockAccount(chain);
            var estimate = chain.web3j().ethEstimateGas(Transaction.createEthCallTransaction(chain.account().getAddress(),
                    deployment.registryAddress, call)).send();
            if (estimate.hasError()) {
                throw new Refused(REASONS.describe(estimate.getError().getData()));
            }
            long nonce = deployments.nextNonce(chain);
            Fees.Eip1559 fee = fees.current(chain);
            BigInteger gasLimit = estimate.getAmountUsed().multiply(GAS_MARGIN_PERCENT).divide(BigInteger.valueOf(100));
            RawTransaction raw = RawTransaction.createTransaction(chain.chainId(), BigInteger.valueOf(nonce), gasLimit,
                    deployment.registryAddress, BigInteger.ZERO, call, fee.maxPriorityFeePerGas(), fee.maxFeePerGas());
            String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chain.account()));
            ChainTransaction transaction = new ChainTransaction();
            transaction.submissionId = submission.id;
            transaction.deploymentId = deployment.id;
            transaction.account = chain.account().getAddress();
            transaction.nonce = nonce;
            transaction.signedTx = signed;
            transaction.txHash = Hash.sha3(signed);
            transaction.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            chains.store(transaction);
            together.forEach(id -> chains.append(id, Kind.SENT, attempt, null, transaction.txHash, null, null));
            return transaction;
        });
    }

    /**
     * Sends the stored transaction. A node that refuses it is asked whether it has it already (sent before a crash, or
     * mined): only then is the refusal harmless; otherwise the node's own reason is the failure.
     */
    static void broadcast(Chain chain, ChainTransaction transaction) throws IOException {
        EthSendTransaction sent = chain.web3j().ethSendRawTransaction(transaction.signedTx).send();
        if (sent.hasError() && chain.web3j().ethGetTransactionByHash(transaction.txHash).send().getTransaction().isEmpty()) {
            throw new IOException("the node refused transaction " + transaction.txHash + ": " + sent.getError().getMessage());
        }
    }

    /** web3j's receipt polling, every {@link #RECEIPT_POLL}, up to {@code veriscore.chain.receipt-timeout}. */
    TransactionReceipt awaitReceipt(Chain chain, String txHash) throws IOException {
        int attempts = (int) Math.max(1, config.receiptTimeout().toMillis() / RECEIPT_POLL.toMillis());
        try {
            return new PollingTransactionReceiptProcessor(chain.web3j(), RECEIPT_POLL.toMillis(), attempts).waitForTransactionReceipt(txHash);
        } catch (TransactionException e) {
            throw new IOException("transaction " + txHash + " not mined within " + config.receiptTimeout(), e);
        }
    }

    /** Why a mined transaction reverted: its call replayed on the state before its block. */
    static String revertReason(Chain chain, ChainDeployment deployment, ChainTransaction transaction, TransactionReceipt receipt) {
        try {
            RawTransaction raw = org.web3j.crypto.TransactionDecoder.decode(transaction.signedTx);
            var replay = chain.web3j().ethCall(Transaction.createEthCallTransaction(transaction.account, deployment.registryAddress,
                    raw.getData()), DefaultBlockParameter.valueOf(receipt.getBlockNumber().subtract(BigInteger.ONE))).send();
            return replay.hasError() ? REASONS.describe(replay.getError().getData()) : "reverted (the replay succeeds: out of gas?)";
        } catch (IOException | RuntimeException e) {
            return "reverted (reason unknown: " + e.getMessage() + ")";
        }
    }
}

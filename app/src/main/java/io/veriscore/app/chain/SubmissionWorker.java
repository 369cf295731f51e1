package io.veriscore.app.chain;

import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.InferenceRepository;
import io.veriscore.app.proof.ProofRecord;
import io.veriscore.app.proof.ProofRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.chain.ChainConnection.Chain;
import io.veriscore.app.log.LogRecord;
import io.veriscore.app.log.TransparencyLog;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.app.chain.ChainEvent.Kind;
import io.veriscore.app.proof.ProofEngine;
import io.veriscore.contracts.ResultIds;
import io.veriscore.contracts.RevertReasons;
import io.veriscore.contracts.generated.ScoreRegistry;
import io.veriscore.zk.BatchProof;
import io.veriscore.app.jobs.Jobs;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.Statement;
import io.veriscore.zk.CircuitSettings;
import io.veriscore.zk.Salt;
import io.veriscore.spi.ProvableModel;
import io.veriscore.zk.Proof;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * One attempt at an on-chain submission. The transaction is signed once and stored before it is sent; a later attempt
 * (after a crash, a restart or an unreachable node) sends the stored bytes again and looks up their receipt, so a
 * submission is never made twice.
 */
@ApplicationScoped
public class SubmissionWorker {

    private static final Logger LOG = Logger.getLogger(SubmissionWorker.class);
    private static final RevertReasons REASONS = RevertReasons.scoreRegistry();
    private static final int MAX_REASON_LENGTH = 2000;
    /** Headroom over the node's gas estimate. */
    private static final BigInteger GAS_MARGIN_PERCENT = BigInteger.valueOf(120);
    private static final Duration RECEIPT_POLL = Duration.ofMillis(200);

    /** The registry refused the submission before it was sent: a final answer, not a fault. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final ChainConnection connection;
    private final Deployments deployments;
    private final ChainRepository chains;
    private final InferenceRepository inferences;
    private final ProofRepository proofs;
    private final ModelRegistry models;
    private final ProofEngine engine;
    private final Fees fees;
    private final TransparencyLog log;
    private final ChainConfig config;
    private final Jobs jobs;

    SubmissionWorker(ChainConnection connection, Deployments deployments, ChainRepository chains, InferenceRepository inferences,
            ProofRepository proofs, ModelRegistry models, ProofEngine engine, Fees fees, TransparencyLog log, ChainConfig chainConfig, Jobs jobs) {
        this.jobs = jobs;
        this.connection = connection;
        this.deployments = deployments;
        this.chains = chains;
        this.inferences = inferences;
        this.proofs = proofs;
        this.models = models;
        this.engine = engine;
        this.fees = fees;
        this.log = log;
        this.config = chainConfig;
    }

    /** Runs attempt {@code attempt}; a fault is rethrown for the job engine to retry, until the last attempt. */
    public void attempt(UUID submissionId, int attempt) {
        ChainSubmission submission = QuarkusTransaction.requiringNew().call(() -> chains.submission(submissionId).orElseThrow());
        if (QuarkusTransaction.requiringNew().call(() -> chains.latestEvent(submissionId)).map(e -> e.kind.isFinal()).orElse(false)) {
            return; // already ended, e.g. by an instance that stopped before deleting the job
        }
        List<RecordBatchMember> batch = QuarkusTransaction.requiringNew().call(() -> chains.batchMembers(submissionId));
        List<UUID> together = batch.isEmpty() ? List.of(submissionId) : batch.stream().map(member -> member.submissionId).toList();
        try {
            Chain chain = connection.get();
            ChainDeployment deployment = QuarkusTransaction.requiringNew().call(() -> chains.deployment(submission.deploymentId).orElseThrow());
            if (!deployments.onChain(chain, deployment)) {
                end(together, deployment, attempt, Kind.FAILED, null, "the chain it was sent to has been replaced (the block"
                        + " its registry was deployed in is not on the connected chain), so it is not recorded there: submit"
                        + " the result again");
                return;
            }
            long started = System.nanoTime();
            Optional<ChainTransaction> stored = QuarkusTransaction.requiringNew().call(() -> chains.transaction(submissionId));
            ChainTransaction transaction = stored.isPresent() ? stored.get() : signAndStore(chain, deployment, submission, batch, together, attempt);
            long signed = System.nanoTime();
            broadcast(chain, transaction);
            TransactionReceipt receipt = awaitReceipt(chain, transaction.txHash);
            if (receipt.isStatusOK()) {
                ChainEvent mined = end(together, deployment, attempt, Kind.MINED, receipt, null);
                LOG.infof("%d result(s) recorded on-chain in one transaction: block %d, gas %d, transaction %s (checked and"
                        + " signed in %d ms, sent and mined in %d ms)", together.size(), mined.blockNumber, mined.gasUsed,
                        mined.txHash, (signed - started) / 1_000_000, (System.nanoTime() - signed) / 1_000_000);
            } else {
                String reason = revertReason(chain, deployment, transaction, receipt);
                end(together, deployment, attempt, Kind.REVERTED, receipt, reason);
                recordAlone(batch, reason);
            }
        } catch (Refused e) {
            ChainDeployment deployment = QuarkusTransaction.requiringNew().call(() -> chains.deployment(submission.deploymentId).orElseThrow());
            end(together, deployment, attempt, Kind.REVERTED, null, e.getMessage());
            recordAlone(batch, e.getMessage());
        } catch (Exception e) {
            String reason = describe(e);
            if (attempt >= config.maxAttempts()) {
                ChainDeployment deployment = QuarkusTransaction.requiringNew().call(() -> chains.deployment(submission.deploymentId).orElseThrow());
                end(together, deployment, attempt, Kind.FAILED, null, reason + " (attempt " + attempt + " of " + config.maxAttempts() + ")");
                return;
            }
            LOG.warnf("On-chain submission of %s, attempt %d: %s (retrying)", submission.inferenceId, attempt, reason);
            QuarkusTransaction.requiringNew().run(() -> together.forEach(id -> chains.append(id, Kind.RETRYING, attempt, reason)));
            throw e instanceof RuntimeException r ? r : new IllegalStateException(reason, e);
        }
    }

    /**
     * Checks the submission against the chain's current state (a refusal ends it as reverted, unsent), then signs it with
     * the next nonce and stores it, all under the account's lock, so no two transactions share a nonce.
     */
    private ChainTransaction signAndStore(Chain chain, ChainDeployment deployment, ChainSubmission submission,
            List<RecordBatchMember> batch, List<UUID> together, int attempt) throws Exception {
        String call = batch.isEmpty() ? singleCall(chain, deployment, submission, attempt) : batchCall(chain, deployment, submission, batch, attempt);
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

    /** The registry call that records one result: its own proof, or the same statement proven again for the chain. */
    private String singleCall(Chain chain, ChainDeployment deployment, ChainSubmission submission, int attempt) throws Exception {
        InferenceRecord result = QuarkusTransaction.requiringNew().call(() -> inferences.findById(submission.inferenceId));
        ProofRecord proofRecord = QuarkusTransaction.requiringNew().call(() -> proofs.proof(submission.inferenceId).orElseThrow());
        LoadedModel model = models.find(result.modelId)
                .filter(loaded -> loaded.descriptor().model().sha256().equals(result.modelSha256))
                .orElseThrow(() -> new Refused("model %s with SHA-256 %s is no longer loaded".formatted(result.modelId, result.modelSha256)));
        Circuit circuit = engine.circuitOf(model, proofRecord.batchId != null);
        if (!circuit.verifyingKeySha256().equals(proofRecord.verifyingKeySha256)) {
            throw new Refused("the proof was made with a verifying key that this service no longer has");
        }
        String call;
        if (proofRecord.batchId != null || CircuitSettings.onchain().profile().equals(proofRecord.profile)) {
            deployments.registered(deployment, proofRecord.verifyingKeySha256, engine.evmVerifier(model, circuit, config.compilerDirectory()));
            call = submitCall(registry(chain, deployment), proofRecord, circuit);
        } else { // a fast proof would cost 1.68M gas through the reusable verifier: record an onchain-profile proof instead
            RecordProof record = recordProof(submission, result, proofRecord, model, attempt);
            Circuit recordCircuit = engine.recordCircuit(model);
            deployments.registered(deployment, record.verifyingKeySha256, engine.evmVerifier(model, recordCircuit, config.compilerDirectory()));
            Proof proof = Proof.parse(record.proofJson, recordCircuit);
            call = registry(chain, deployment).submit(ResultIds.of(result.id), HexFormat.of().parseHex(record.verifyingKeySha256),
                    proof.transcript(), proof.instances()).encodeFunctionCall();
        }
        return call;
    }

    /**
     * The registry call that records a record batch: one batch proof of the members' results (each row its result's
     * input and salt, so its statement, which is checked), made once and kept under the carrier, in one submitBatch.
     */
    private String batchCall(Chain chain, ChainDeployment deployment, ChainSubmission carrier, List<RecordBatchMember> batch,
            int attempt) throws Exception {
        List<InferenceRecord> results = new ArrayList<>();
        List<ProofRecord> proven = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> batch.forEach(member -> {
            UUID inferenceId = chains.submission(member.submissionId).orElseThrow().inferenceId;
            results.add(inferences.findById(inferenceId));
            proven.add(proofs.proof(inferenceId).orElseThrow());
        }));
        InferenceRecord first = results.get(0);
        LoadedModel model = models.find(first.modelId).filter(loaded -> loaded.descriptor().model().sha256().equals(first.modelSha256))
                .orElseThrow(() -> new Refused("model %s with SHA-256 %s is no longer loaded".formatted(first.modelId, first.modelSha256)));
        Circuit circuit = engine.batchCircuit(model);
        RecordProof record = QuarkusTransaction.requiringNew().call(() -> chains.recordProof(carrier.id)).orElse(null);
        if (record == null) {
            QuarkusTransaction.requiringNew().run(() -> batch.forEach(member -> chains.append(member.submissionId, Kind.PROVING, attempt, null)));
            long started = System.nanoTime();
            ProvableModel provable = (ProvableModel) model.plugin();
            BatchProof made = engine.proveBatch(model, results.stream().map(result -> provable.modelInput(result.input)).toList(),
                    proven.stream().map(proof -> new Salt(proof.salt)).toList());
            for (int row = 0; row < results.size(); row++) {
                Statement statement = made.rows().get(row);
                if (!statement.inputCommitment().equals(proven.get(row).inputCommitment)
                        || !statement.outputInstance().equals(proven.get(row).outputInstance)) {
                    throw new Refused("row %d of the batch proof states commitment %s, the result's proof %s".formatted(row,
                            statement.inputCommitment(), proven.get(row).inputCommitment));
                }
            }
            RecordProof fresh = new RecordProof();
            fresh.submissionId = carrier.id;
            fresh.profile = CircuitSettings.batch().profile();
            fresh.verifyingKeySha256 = circuit.verifyingKeySha256();
            fresh.proofJson = made.json();
            fresh.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            LOG.infof("Record batch of %d results proven in %d ms", results.size(), (System.nanoTime() - started) / 1_000_000);
            record = QuarkusTransaction.requiringNew().call(() -> chains.store(fresh));
        }
        deployments.registered(deployment, record.verifyingKeySha256, engine.evmVerifier(model, circuit, config.compilerDirectory()));
        BatchProof proof = BatchProof.parse(record.proofJson, circuit);
        List<byte[]> resultIds = new ArrayList<>(Collections.nCopies(proof.rows().size(), new byte[32]));
        for (int row = 0; row < results.size(); row++) {
            resultIds.set(batch.get(row).batchRow, ResultIds.of(results.get(row).id));
        }
        return registry(chain, deployment).submitBatch(resultIds, HexFormat.of().parseHex(record.verifyingKeySha256),
                proof.transcript(), proof.instances()).encodeFunctionCall();
    }

    /**
     * The submission's own onchain-profile proof of the result: made once per result (the same input and salt as the
     * result's proof, so the same statement, which is checked) and kept, so that every later attempt, and a later
     * submission on a replaced chain, sends the same proof.
     */
    private RecordProof recordProof(ChainSubmission submission, InferenceRecord result, ProofRecord proven, LoadedModel model,
            int attempt) {
        Optional<RecordProof> stored = QuarkusTransaction.requiringNew().call(() -> chains.recordProof(submission.id));
        if (stored.isPresent()) {
            return stored.get();
        }
        String key = engine.recordCircuit(model).verifyingKeySha256();
        Optional<RecordProof> earlier = QuarkusTransaction.requiringNew().call(() -> chains.earlierRecordProof(result.id, key));
        String proofJson;
        if (earlier.isPresent()) {
            proofJson = earlier.get().proofJson;
        } else {
            QuarkusTransaction.requiringNew().run(() -> chains.append(submission.id, Kind.PROVING, attempt, null));
            long started = System.nanoTime();
            Proof proof = engine.proveForRecord(model, ((ProvableModel) model.plugin()).modelInput(result.input), new Salt(proven.salt));
            if (!proof.inputCommitment().equals(proven.inputCommitment) || !proof.outputInstance().equals(proven.outputInstance)) {
                throw new Refused("the onchain-profile proof states commitment %s and logit instance %s, the result's proof %s and %s"
                        .formatted(proof.inputCommitment(), proof.outputInstance(), proven.inputCommitment, proven.outputInstance));
            }
            LOG.infof("Result %s proven again for the chain with the onchain profile in %d ms", result.id,
                    (System.nanoTime() - started) / 1_000_000);
            proofJson = proof.json();
        }
        RecordProof record = new RecordProof();
        record.submissionId = submission.id;
        record.profile = CircuitSettings.onchain().profile();
        record.verifyingKeySha256 = key;
        record.proofJson = proofJson;
        record.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return QuarkusTransaction.requiringNew().call(() -> chains.store(record));
    }

    /**
     * The registry call that records the proof: {@code submit} for a proof of one result, {@code submitBatch} for a
     * batch's proof, recording each of its proven rows under its own result (filler rows under the zero id).
     */
    private String submitCall(ScoreRegistry registry, ProofRecord proofRecord, Circuit circuit) {
        byte[] key = HexFormat.of().parseHex(proofRecord.verifyingKeySha256);
        if (proofRecord.batchId == null) {
            Proof proof = Proof.parse(proofRecord.proofJson, circuit);
            return registry.submit(ResultIds.of(proofRecord.inferenceId), key, proof.transcript(), proof.instances()).encodeFunctionCall();
        }
        BatchProof proof = BatchProof.parse(proofRecord.proofJson, circuit);
        List<byte[]> resultIds = new ArrayList<>(Collections.nCopies(proof.rows().size(), new byte[32]));
        QuarkusTransaction.requiringNew().call(() -> proofs.batchProofs(proofRecord.batchId))
                .forEach(row -> resultIds.set(row.batchRow, ResultIds.of(row.inferenceId)));
        return registry.submitBatch(resultIds, key, proof.transcript(), proof.instances()).encodeFunctionCall();
    }

    /**
     * Sends the stored transaction. A node that refuses it is asked whether it has it already (sent before a crash, or
     * mined): only then is the refusal harmless; otherwise the node's own reason is the failure.
     */
    private static void broadcast(Chain chain, ChainTransaction transaction) throws IOException {
        EthSendTransaction sent = chain.web3j().ethSendRawTransaction(transaction.signedTx).send();
        if (sent.hasError() && chain.web3j().ethGetTransactionByHash(transaction.txHash).send().getTransaction().isEmpty()) {
            throw new IOException("the node refused transaction " + transaction.txHash + ": " + sent.getError().getMessage());
        }
    }

    /** web3j's receipt polling, every {@link #RECEIPT_POLL}, up to {@code veriscore.chain.receipt-timeout}. */
    private TransactionReceipt awaitReceipt(Chain chain, String txHash) throws IOException {
        int attempts = (int) Math.max(1, config.receiptTimeout().toMillis() / RECEIPT_POLL.toMillis());
        try {
            return new PollingTransactionReceiptProcessor(chain.web3j(), RECEIPT_POLL.toMillis(), attempts).waitForTransactionReceipt(txHash);
        } catch (TransactionException e) {
            throw new IOException("transaction " + txHash + " not mined within " + config.receiptTimeout(), e);
        }
    }

    /** Why a mined transaction reverted: its call replayed on the state before its block. */
    private static String revertReason(Chain chain, ChainDeployment deployment, ChainTransaction transaction, TransactionReceipt receipt) {
        try {
            RawTransaction raw = org.web3j.crypto.TransactionDecoder.decode(transaction.signedTx);
            var replay = chain.web3j().ethCall(Transaction.createEthCallTransaction(transaction.account, deployment.registryAddress,
                    raw.getData()), DefaultBlockParameter.valueOf(receipt.getBlockNumber().subtract(BigInteger.ONE))).send();
            return replay.hasError() ? REASONS.describe(replay.getError().getData()) : "reverted (the replay succeeds: out of gas?)";
        } catch (IOException | RuntimeException e) {
            return "reverted (reason unknown: " + e.getMessage() + ")";
        }
    }

    /** Ends the submissions recorded together (one, or a record batch's members), each with its signed record; answers the first's event. */
    private ChainEvent end(List<UUID> together, ChainDeployment deployment, int attempt, Kind kind, TransactionReceipt receipt,
            String reason) {
        if (kind != Kind.MINED) {
            LOG.warnf("On-chain submission of %s: %s (%s)", together, reason, kind);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            ChainEvent first = null;
            for (UUID id : together) {
                ChainSubmission submission = chains.submission(id).orElseThrow();
                ChainEvent event = receipt == null ? chains.append(id, kind, attempt, reason)
                        : chains.append(id, kind, attempt, reason, receipt.getTransactionHash(),
                                receipt.getBlockNumber().longValueExact(), receipt.getGasUsed().longValueExact());
                log.append(new LogRecord.Onchain(submission, deployment, event, chains.recordProofFor(id)));
                first = first == null ? event : first;
            }
            return first;
        });
    }

    /**
     * A record batch the registry refused does not take its members down with it: each is submitted again alone (a new
     * submission, with its own onchain-profile proof), and its batch's reason stays on its ended submission.
     */
    private void recordAlone(List<RecordBatchMember> batch, String reason) {
        if (batch.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (RecordBatchMember member : batch) {
                ChainSubmission ended = chains.submission(member.submissionId).orElseThrow();
                ChainSubmission alone = chains.store(ChainSubmission.of(ended.inferenceId, ended.deploymentId));
                chains.append(alone.id, Kind.PENDING, 0, "recorded alone: its record batch was refused (" + reason + ")");
                jobs.scheduleSubmission(alone.id);
            }
        });
        jobs.wakeUp();
    }

    private static ScoreRegistry registry(Chain chain, ChainDeployment deployment) {
        return ScoreRegistry.load(deployment.registryAddress, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(),
                chain.account().getAddress()), new DefaultGasProvider());
    }

    private static String describe(Exception e) {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        if (e instanceof java.io.InterruptedIOException || e instanceof java.net.ConnectException) {
            message = "the chain's node did not answer (" + message + ")";
        }
        return message.length() <= MAX_REASON_LENGTH ? message : message.substring(0, MAX_REASON_LENGTH) + "...";
    }
}

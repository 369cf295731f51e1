package io.veriscore.app.chain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.chain.ChainConnection.Chain;
import io.veriscore.app.chain.ChainEvent.Kind;
import io.veriscore.app.jobs.FailureReason;
import io.veriscore.app.jobs.Jobs;
import io.veriscore.app.log.TransparencyLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One attempt at an on-chain submission. The transaction is signed once and stored before it is sent; a later attempt
 * (after a crash, a restart or an unreachable node) sends the stored bytes again and looks up their receipt, so a
 * submission is never made twice.
 */
@ApplicationScoped
public class SubmissionWorker {

    private static final Logger LOG = Logger.getLogger(SubmissionWorker.class);

    private final ChainConnection connection;
    private final Deployments deployments;
    private final ChainRepository chains;
    private final RegistryCalls calls;
    private final TransactionSender sender;
    private final TransparencyLog log;
    private final ChainConfig config;
    private final Jobs jobs;

    SubmissionWorker(ChainConnection connection, Deployments deployments, ChainRepository chains, RegistryCalls calls,
            TransactionSender sender, TransparencyLog log, ChainConfig config, Jobs jobs) {
        this.connection = connection;
        this.deployments = deployments;
        this.chains = chains;
        this.calls = calls;
        this.sender = sender;
        this.log = log;
        this.config = config;
        this.jobs = jobs;
    }

    /** Runs attempt {@code attempt}; a fault is rethrown for the job engine to retry, until the last attempt. */
    public void attempt(UUID submissionId, int attempt) {
        ChainSubmission submission = QuarkusTransaction.requiringNew().call(() -> chains.submission(submissionId).orElseThrow());
        if (QuarkusTransaction.requiringNew().call(() -> chains.latestEvent(submissionId)).map(e -> e.kind.isFinal()).orElse(false)) {
            return; // already ended, e.g. by an instance that stopped before deleting the job
        }
        ChainDeployment deployment = QuarkusTransaction.requiringNew().call(() -> chains.deployment(submission.deploymentId).orElseThrow());
        List<RecordBatchMember> batch = QuarkusTransaction.requiringNew().call(() -> chains.batchMembers(submissionId));
        List<UUID> together = batch.isEmpty() ? List.of(submissionId) : batch.stream().map(member -> member.submissionId).toList();
        try {
            Chain chain = connection.get();
            if (!deployments.onChain(chain, deployment)) {
                end(together, deployment, attempt, Kind.FAILED, null, "the chain it was sent to has been replaced (the block"
                        + " its registry was deployed in is not on the connected chain), so it is not recorded there: submit"
                        + " the result again");
                return;
            }
            long started = System.nanoTime();
            Optional<ChainTransaction> stored = QuarkusTransaction.requiringNew().call(() -> chains.transaction(submissionId));
            ChainTransaction transaction = stored.isPresent() ? stored.get() : sender.signAndStore(chain, deployment, submission,
                    batch.isEmpty() ? calls.single(chain, deployment, submission, attempt)
                            : calls.batch(chain, deployment, submission, batch, attempt), together, attempt);
            long signed = System.nanoTime();
            TransactionSender.broadcast(chain, transaction);
            TransactionReceipt receipt = sender.awaitReceipt(chain, transaction.txHash);
            if (receipt.isStatusOK()) {
                ChainEvent mined = end(together, deployment, attempt, Kind.MINED, receipt, null);
                LOG.infof("%d result(s) recorded on-chain in one transaction: block %d, gas %d, transaction %s (checked and"
                        + " signed in %d ms, sent and mined in %d ms)", together.size(), mined.blockNumber, mined.gasUsed,
                        mined.txHash, (signed - started) / 1_000_000, (System.nanoTime() - signed) / 1_000_000);
            } else {
                String reason = TransactionSender.revertReason(chain, deployment, transaction, receipt);
                end(together, deployment, attempt, Kind.REVERTED, receipt, reason);
                recordAlone(batch, reason);
            }
        } catch (Refused e) {
            end(together, deployment, attempt, Kind.REVERTED, null, e.getMessage());
            recordAlone(batch, e.getMessage());
        } catch (Exception e) {
            String reason = describe(e);
            if (attempt >= config.maxAttempts()) {
                end(together, deployment, attempt, Kind.FAILED, null, reason + " (attempt " + attempt + " of " + config.maxAttempts() + ")");
                return;
            }
            LOG.warnf("On-chain submission of %s, attempt %d: %s (retrying)", submission.inferenceId, attempt, reason);
            QuarkusTransaction.requiringNew().run(() -> together.forEach(id -> chains.append(id, Kind.RETRYING, attempt, reason)));
            throw e instanceof RuntimeException r ? r : new IllegalStateException(reason, e);
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
                log.append(new OnchainLogRecord(submission, deployment, event, chains.recordProofFor(id)));
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
                jobs.schedule(SubmissionJobs.SUBMIT, alone.id);
            }
        });
        jobs.wakeUp();
    }

    private static String describe(Exception e) {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        if (e instanceof java.io.InterruptedIOException || e instanceof java.net.ConnectException) {
            message = "the chain's node did not answer (" + message + ")";
        }
        return FailureReason.shortened(message);
    }
}

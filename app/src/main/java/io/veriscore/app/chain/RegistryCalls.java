package io.veriscore.app.chain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.chain.ChainConnection.Chain;
import io.veriscore.app.chain.ChainEvent.Kind;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.InferenceRepository;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.app.proof.EvmVerifiers;
import io.veriscore.app.proof.ProofEngine;
import io.veriscore.app.proof.ProofRecord;
import io.veriscore.app.proof.ProofRepository;
import io.veriscore.contracts.ResultIds;
import io.veriscore.contracts.generated.ScoreRegistry;
import io.veriscore.spi.ProvableModel;
import io.veriscore.zk.BatchProof;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.CircuitSettings;
import io.veriscore.zk.Proof;
import io.veriscore.zk.Salt;
import io.veriscore.zk.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * What a submission asks the registry: the call that records one result (its own proof, or the same statement proven
 * again with the onchain profile) or a record batch (one batch proof of its members), with the proof it needs, made
 * once and kept. A call the registry would refuse is a {@link Refused}.
 */
@ApplicationScoped
class RegistryCalls {

    private static final Logger LOG = Logger.getLogger(RegistryCalls.class);

    private final Deployments deployments;
    private final ChainRepository chains;
    private final InferenceRepository inferences;
    private final ProofRepository proofs;
    private final ModelRegistry models;
    private final ProofEngine engine;
    private final EvmVerifiers verifiers;
    private final ChainConfig config;

    RegistryCalls(Deployments deployments, ChainRepository chains, InferenceRepository inferences, ProofRepository proofs,
            ModelRegistry models, ProofEngine engine, EvmVerifiers verifiers, ChainConfig config) {
        this.deployments = deployments;
        this.chains = chains;
        this.inferences = inferences;
        this.proofs = proofs;
        this.models = models;
        this.engine = engine;
        this.verifiers = verifiers;
        this.config = config;
    }

    /** The registry call that records one result: its own proof, or the same statement proven again for the chain. */
    String single(Chain chain, ChainDeployment deployment, ChainSubmission submission, int attempt) throws Exception {
        InferenceRecord result = QuarkusTransaction.requiringNew().call(() -> inferences.findById(submission.inferenceId));
        ProofRecord proofRecord = QuarkusTransaction.requiringNew().call(() -> proofs.proof(submission.inferenceId).orElseThrow());
        LoadedModel model = modelOf(result);
        Circuit circuit = engine.circuitOf(model, proofRecord.batchId != null);
        if (!circuit.verifyingKeySha256().equals(proofRecord.verifyingKeySha256)) {
            throw new Refused("the proof was made with a verifying key that this service no longer has");
        }
        String call;
        if (proofRecord.batchId != null || CircuitSettings.onchain().profile().equals(proofRecord.profile)) {
            deployments.registered(deployment, proofRecord.verifyingKeySha256, verifiers.of(model, circuit, config.compilerDirectory()));
            call = submitCall(registry(chain, deployment), proofRecord, circuit);
        } else { // a fast proof would cost 1.68M gas through the reusable verifier: record an onchain-profile proof instead
            RecordProof record = recordProof(submission, result, proofRecord, model, attempt);
            Circuit recordCircuit = engine.recordCircuit(model);
            deployments.registered(deployment, record.verifyingKeySha256, verifiers.of(model, recordCircuit, config.compilerDirectory()));
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
    String batch(Chain chain, ChainDeployment deployment, ChainSubmission carrier, List<RecordBatchMember> batch,
            int attempt) throws Exception {
        List<InferenceRecord> results = new ArrayList<>();
        List<ProofRecord> proven = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> batch.forEach(member -> {
            UUID inferenceId = chains.submission(member.submissionId).orElseThrow().inferenceId;
            results.add(inferences.findById(inferenceId));
            proven.add(proofs.proof(inferenceId).orElseThrow());
        }));
        InferenceRecord first = results.get(0);
        LoadedModel model = modelOf(first);
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
        deployments.registered(deployment, record.verifyingKeySha256, verifiers.of(model, circuit, config.compilerDirectory()));
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

    /** The model that scored {@code result}, if this service still has that very model. */
    private LoadedModel modelOf(InferenceRecord result) {
        return models.find(result.modelId, result.modelSha256).orElseThrow(() -> new Refused(
                "model %s with SHA-256 %s is no longer loaded".formatted(result.modelId, result.modelSha256)));
    }

    private static ScoreRegistry registry(Chain chain, ChainDeployment deployment) {
        return ScoreRegistry.load(deployment.registryAddress, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(),
                chain.account().getAddress()), new DefaultGasProvider());
    }
}

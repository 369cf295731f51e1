package io.veriscore.app.proof;

import io.quarkus.runtime.Startup;
import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.app.web.ReadyNotes;
import io.veriscore.spi.ProvableModel;
import io.veriscore.zk.BatchProof;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.CircuitSettings;
import io.veriscore.zk.CircuitStore;
import io.veriscore.zk.EzklProver;
import io.veriscore.zk.Proof;
import io.veriscore.zk.ProverException;
import io.veriscore.zk.Salt;
import io.veriscore.zk.Srs;
import io.veriscore.zk.Verification;
import io.veriscore.zk.ZkProver;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The prover as the service uses it: EZKL, checked at start-up, and the circuit of each provable model,
 * built once in the background from the model's calibration set and kept in the circuit store.
 *
 * <p>A missing or broken EZKL does not stop the service: plain scoring keeps working and proof requests get
 * 503. In production mode a configured, allow-listed SRS is required, or the service does not start.
 */
@Startup
@ApplicationScoped
public class ProofEngine implements ReadyNotes {

    private static final Logger LOG = Logger.getLogger(ProofEngine.class);
    /** The proven score must match ONNX Runtime's to one point on the 0-100 scale. */
    static final double SCORE_TOLERANCE = 0.01;

    private final ModelRegistry models;
    private final Optional<ZkProver> prover;
    private final String unavailableReason;
    private final Optional<CircuitStore> store;
    private final Path directory;
    private final CircuitSettings settings;
    private final boolean developmentSrs;
    private final Map<String, CompletableFuture<Circuit>> circuits = new ConcurrentHashMap<>();
    private final Map<String, String> circuitFailures = new ConcurrentHashMap<>();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("circuit-builder").daemon().factory());

    ProofEngine(ProverConfig config, VeriscoreConfig service, ModelRegistry models) {
        this.models = models;
        this.directory = config.circuitDirectory();
        this.settings = CircuitSettings.named(config.profile());
        if (settings.rows() != 1) {
            throw new IllegalStateException("veriscore.prover.profile must prove one result per proof (fast, onchain), not "
                    + settings.profile() + ": batch requests get batch proofs of their own");
        }
        Srs srs = SrsPolicy.srs(service.mode(), config.srs().path(), config.srs().allowedSha256());
        this.developmentSrs = srs instanceof Srs.Development;
        Optional<ZkProver> started;
        String reason = null;
        try {
            started = Optional.of(new EzklProver(config.python(), directory.resolve("bridge"),
                    config.setupTimeout(), config.proveTimeout(),
                    config.concurrency().orElse(Runtime.getRuntime().availableProcessors()) + config.batchConcurrency(),
                    config.verifiers()));
        } catch (ProverException | UncheckedIOException e) {
            reason = "EZKL is not usable with veriscore.prover.python=" + config.python() + ": " + e.getMessage()
                    + ". './veriscore run' installs it into .veriscore/ezkl-venv; until then proof requests get 503";
            LOG.error("Proofs are unavailable. " + reason);
            started = Optional.empty();
        }
        this.prover = started;
        this.unavailableReason = reason;
        this.store = prover.map(p -> new CircuitStore(p, directory, srs));
        prover.ifPresent(p -> {
            LOG.infof("EZKL %s ready; circuits in %s", p.version(), directory.toAbsolutePath());
            if (developmentSrs) {
                LOG.warn("INSECURE development SRS: generated locally, its toxic waste is known, so proofs made with it"
                        + " prove nothing to a third party. Configure veriscore.prover.srs.path for real use.");
            }
            // Built ahead of requests, one after the other: each model's circuit, its onchain circuit (every record on-chain
            // of a single result is proven with it), then its batch circuit (30 s and more).
            List<LoadedModel> provable = models.all().stream().filter(LoadedModel::provable).toList();
            provable.forEach(this::circuitFuture);
            provable.forEach(model -> circuitFuture(model, CircuitSettings.onchain()));
            provable.forEach(model -> circuitFuture(model, CircuitSettings.batch()));
        });
    }

    /** Whether proofs can be made; when not, {@link #requireAvailable()} says why. */
    public boolean available() {
        return prover.isPresent();
    }

    public void requireAvailable() {
        if (prover.isEmpty()) {
            throw VeriscoreException.unavailable(unavailableReason, 60);
        }
    }

    @Override
    public List<String> readyNotes() {
        List<String> notes = new ArrayList<>();
        if (available() && developmentSrs()) {
            notes.add("WARNING: development SRS, generated here: its proofs convince no third party (set veriscore.prover.srs.path)");
        }
        unavailableReason().ifPresent(reason -> notes.add("WARNING: proofs are unavailable: " + reason));
        return notes;
    }

    public boolean developmentSrs() {
        return developmentSrs;
    }

    /** Why proofs cannot be made, when they cannot. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /**
     * Each provable model's circuit: ready, building, failed (with the reason; the next request tries again) or not
     * built; and its batch circuit ("ID batch"), once a batch asked for it.
     */
    public Map<String, String> circuitStates() {
        Map<String, String> states = new java.util.TreeMap<>();
        for (LoadedModel model : models.all()) {
            if (!model.provable()) {
                continue;
            }
            String id = model.descriptor().id();
            states.put(id, state(key(model, settings)));
            String batch = key(model, CircuitSettings.batch());
            if (circuits.containsKey(batch) || circuitFailures.containsKey(batch)) {
                states.put(id + " batch", state(batch));
            }
        }
        return states;
    }

    private String state(String key) {
        CompletableFuture<Circuit> future = circuits.get(key);
        String failure = circuitFailures.get(key);
        return future != null && future.isDone() && !future.isCompletedExceptionally() ? "ready"
                : future != null && !future.isDone() ? "building"
                : failure != null ? "failed: " + failure : "not built";
    }

    /** The model's circuit, waiting while it is built. */
    public Circuit circuit(LoadedModel model) {
        return circuit(model, settings);
    }

    /** The model's batch circuit ({@link CircuitSettings#batch()}), built on first use, waiting while it is built. */
    public Circuit batchCircuit(LoadedModel model) {
        return circuit(model, CircuitSettings.batch());
    }

    /**
     * The model's circuit of the {@code onchain} profile, whatever this instance proves with: the one whose proofs are
     * recorded on-chain through a single-circuit verifier of their own.
     */
    public Circuit recordCircuit(LoadedModel model) {
        return circuit(model, CircuitSettings.onchain());
    }

    /** Proves {@code row} again with {@link #recordCircuit}, under the same salt: the same commitment and logit. */
    public Proof proveForRecord(LoadedModel model, float[] row, Salt salt) {
        return prover.orElseThrow().prove(recordCircuit(model), toList(row), salt);
    }

    /** The circuit a stored proof was made with: the model's batch circuit for a batch row, else its circuit. */
    public Circuit circuitOf(LoadedModel model, boolean batchRow) {
        return batchRow ? batchCircuit(model) : circuit(model);
    }

    private Circuit circuit(LoadedModel model, CircuitSettings wanted) {
        requireAvailable();
        try {
            return circuitFuture(model, wanted).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The model's circuit of that profile if it is built; 503 with a hint to come back while it is being built. */
    public Circuit readyCircuit(LoadedModel model, CircuitSettings wanted) {
        requireAvailable();
        CompletableFuture<Circuit> future = circuitFuture(model, wanted);
        if (!future.isDone()) {
            throw VeriscoreException.unavailable("the " + wanted.profile() + " circuit of " + model.descriptor().id()
                    + " is being built", 10);
        }
        return circuit(model, wanted);
    }

    /**
     * Proves that the model maps {@code row} to a logit, committing to the row and {@code salt}; the caller checks the
     * proven score against the stored one.
     */
    public Proof prove(LoadedModel model, float[] row, Salt salt) {
        Circuit circuit = circuit(model);
        return prover.orElseThrow().prove(circuit, toList(row), salt);
    }

    /** Proves the model's evaluation of each row in one batch proof, each row committed with its own salt. */
    public BatchProof proveBatch(LoadedModel model, List<float[]> rows, List<Salt> salts) {
        Circuit circuit = batchCircuit(model);
        return prover.orElseThrow().proveBatch(circuit, rows.stream().map(ProofEngine::toList).toList(), salts);
    }

    /** The circuit profile this instance proves with. */
    public CircuitSettings settings() {
        return settings;
    }

    /** EZKL, for what is made from a circuit beside proofs (its EVM verifier); absent when it is not usable. */
    ZkProver zk() {
        requireAvailable();
        return prover.orElseThrow();
    }

    public Verification verify(Circuit circuit, String proofJson) {
        return prover.orElseThrow().verify(circuit, proofJson);
    }

    @PreDestroy
    void stop() {
        builder.shutdownNow(); // interrupts a set-up in progress, which kills its EZKL process
        prover.ifPresent(ZkProver::close); // and the EZKL workers
    }

    private static String key(LoadedModel model, CircuitSettings settings) {
        return model.descriptor().id() + "/" + settings.profile();
    }

    private CompletableFuture<Circuit> circuitFuture(LoadedModel model) {
        return circuitFuture(model, settings);
    }

    private CompletableFuture<Circuit> circuitFuture(LoadedModel model, CircuitSettings wanted) {
        String id = key(model, wanted);
        CompletableFuture<Circuit> future = circuits.computeIfAbsent(id, key -> CompletableFuture.supplyAsync(() -> build(model, wanted), builder));
        future.whenComplete((circuit, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                circuitFailures.put(id, String.valueOf(cause.getMessage()));
                circuits.remove(id, future); // the next request tries again
            } else {
                circuitFailures.remove(id);
            }
        });
        return future;
    }

    private Circuit build(LoadedModel model, CircuitSettings settings) {
        String id = model.descriptor().id();
        if (!(model.plugin() instanceof ProvableModel provable)) {
            throw VeriscoreException.unprocessable("model " + id + " cannot be proven", List.of());
        }
        try {
            long started = System.nanoTime();
            Path onnx = modelFile(model);
            List<List<Double>> calibration = provable.calibrationInputs().stream().map(ProofEngine::toList).toList();
            Circuit circuit = store.orElseThrow().circuitFor(onnx, model.descriptor().model().sha256(), calibration,
                    settings);
            LOG.infof("Circuit of %s ready in %d ms: profile %s, logrows %d, verifying key %s%s", id,
                    (System.nanoTime() - started) / 1_000_000, circuit.profile(), circuit.logrows(), circuit.verifyingKeySha256(), circuit.developmentSrs() ? " (INSECURE development SRS)" : "");
            return circuit;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Cannot build the circuit of %s", id);
            throw e;
        }
    }

    /** The model's ONNX file in the store, written once: EZKL reads models from files. */
    private Path modelFile(LoadedModel model) {
        Path file = directory.resolve("models").resolve(model.descriptor().model().sha256() + ".onnx");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path staging = Files.createTempFile(file.getParent(), "model", ".staging");
                Files.write(staging, model.onnxModel());
                Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Double> toList(float[] row) {
        Double[] values = new Double[row.length];
        for (int i = 0; i < row.length; i++) {
            values[i] = (double) row[i];
        }
        return List.of(values);
    }
}

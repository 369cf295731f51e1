package io.veriscore.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link ZkProver} on EZKL's Python module, driven through {@code ezkl_bridge.py}: circuit set-up and EVM artefacts in
 * a subprocess each, proofs, verifications and commitments by long-lived workers ({@link EzklWorker}).
 */
public final class EzklProver implements ZkProver, AutoCloseable {

    private static final int MAX_LOGROWS = 26;
    private static final String EVM_VKA = "evm-vka.bin";

    private final Path python;
    private final Path bridge;
    private final Duration setupTimeout;
    private final Duration proveTimeout;
    private final ObjectMapper json = new ObjectMapper();
    private final String version;
    /** Workers for proofs and commitments: a prover waits for one of these as long as it takes. */
    private final BlockingQueue<EzklWorker> workers;
    /** Workers for verifications alone, so that anyone's verifications never hold up a proof. */
    private final BlockingQueue<EzklWorker> verifiers;

    /**
     * @param python  a Python interpreter with the {@code ezkl} package
     * @param workDir where the bridge script is unpacked
     * @param setupTimeout the limit of a circuit set-up (and of the version check); the process tree is killed after it
     * @param proveTimeout the limit of one proof or verification
     */
    public EzklProver(Path python, Path workDir, Duration setupTimeout, Duration proveTimeout) {
        this(python, workDir, setupTimeout, proveTimeout, 1);
    }

    /** @param workers how many proofs (and commitments) may run at once, each in a worker of its own; one verifier */
    public EzklProver(Path python, Path workDir, Duration setupTimeout, Duration proveTimeout, int workers) {
        this(python, workDir, setupTimeout, proveTimeout, workers, 1);
    }

    /**
     * @param workers   how many proofs (and commitments) may run at once, each in a worker of its own
     * @param verifiers how many verifications may run at once, in workers apart from the provers'
     */
    public EzklProver(Path python, Path workDir, Duration setupTimeout, Duration proveTimeout, int workers, int verifiers) {
        this.python = python;
        this.bridge = unpackBridge(workDir);
        this.setupTimeout = setupTimeout;
        this.proveTimeout = proveTimeout;
        this.version = call(setupTimeout, "version").path("ezkl").asText();
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new ProverException("EZKL reported a malformed version: " + version);
        }
        this.workers = pool(workers);
        this.verifiers = pool(verifiers);
    }

    private BlockingQueue<EzklWorker> pool(int size) {
        BlockingQueue<EzklWorker> pool = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            pool.add(new EzklWorker(List.of(python.toString(), bridge.toString(), "serve")));
        }
        return pool;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Circuit setUp(CircuitSpec spec) {
        try {
            Files.createDirectories(spec.directory());
            Path calibration = spec.directory().resolve("calibration.json");
            json.writeValue(calibration.toFile(), Map.of("rows", spec.calibration()));
            CircuitSettings s = spec.settings();
            String settings = json.writeValueAsString(Map.of("scale", s.scale(), "decomp_base", s.decompBase(),
                    "decomp_legs", s.decompLegs(), "logrows", s.logrows(), "inner_columns", s.innerColumns(),
                    "salt_words", Salt.WORDS, "rows", s.rows(), "input_visibility", "hashed", "output_visibility", "public",
                    "param_visibility", "fixed"));
            List<String> args = new ArrayList<>(List.of("setup", spec.directory().toString(), spec.model().toString(),
                    calibration.toString(), settings));
            spec.srs().ifPresent(srs -> args.add(srs.toString()));
            JsonNode answer = call(setupTimeout, args.toArray(String[]::new));
            int logrows = answer.path("logrows").asInt(-1);
            if (logrows < 1 || logrows > MAX_LOGROWS) {
                throw new ProverException("EZKL reported an implausible logrows: " + answer.path("logrows"));
            }
            String provenModelSha256 = answer.path("proven_model_sha256").asText();
            if (!provenModelSha256.matches("[0-9a-f]{64}")) {
                throw new ProverException("EZKL bridge reported no SHA-256 of the proven graph");
            }
            Path srs = spec.srs().orElse(spec.directory().resolve("kzg.srs"));
            int[] shape = Circuit.shape(spec.directory());
            if (shape[0] != s.rows()) {
                throw new ProverException("EZKL built a circuit of %d rows; %d were asked for".formatted(shape[0], s.rows()));
            }
            return new Circuit(spec.directory(), srs, version, s.profile(), provenModelSha256, logrows, shape[0], shape[1], shape[2],
                    sha256(spec.directory().resolve(Circuit.SETTINGS)), sha256(spec.directory().resolve(Circuit.VERIFYING_KEY)),
                    sha256(srs), spec.srs().isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Proof prove(Circuit circuit, List<Double> features, Salt salt) {
        if (circuit.rows() != 1) {
            throw new IllegalArgumentException("circuit in " + circuit.directory() + " proves batches: use proveBatch");
        }
        Proof made = Proof.parse(proveRows(circuit, List.of(features), List.of(salt)), circuit);
        requireSameVersion(made.ezklVersion());
        return made;
    }

    @Override
    public BatchProof proveBatch(Circuit circuit, List<List<Double>> rows, List<Salt> salts) {
        if (rows.isEmpty() || rows.size() > circuit.rows() || rows.size() != salts.size()) {
            throw new IllegalArgumentException("a batch of circuit %s has 1 to %d rows, each with a salt; got %d rows, %d salts"
                    .formatted(circuit.directory(), circuit.rows(), rows.size(), salts.size()));
        }
        List<List<Double>> filled = new ArrayList<>(rows);
        List<Salt> filledSalts = new ArrayList<>(salts);
        while (filled.size() < circuit.rows()) {
            filled.add(Collections.nCopies(rows.get(0).size(), 0.0));
            filledSalts.add(BatchProof.FILLER_SALT);
        }
        BatchProof made = BatchProof.parse(proveRows(circuit, filled, filledSalts), circuit);
        requireSameVersion(made.ezklVersion());
        return made;
    }

    /** EZKL's proof file for these rows, one input of the circuit each. */
    private String proveRows(Circuit circuit, List<List<Double>> rows, List<Salt> salts) {
        requireSameVersion(circuit);
        // Scratch files go to the system's temporary directory: the circuit directory stays read-only while
        // proving, and a crash leaves nothing in it.
        Path input = scratch("input-");
        Path proof = scratch("proof-");
        try {
            writeInput(input, rows, salts);
            work(workers, proveTimeout, "prove", circuit.directory().toString(), input.toString(), proof.toString(), circuit.srs().toString());
            return Files.readString(proof);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(input, proof, Path.of(proof + ".witness.json"));
        }
    }

    private void requireSameVersion(String proofVersion) {
        if (!version.equals(proofVersion)) {
            throw new ProverException("proof was made by EZKL " + proofVersion + ", this prover is " + version);
        }
    }

    @Override
    public String commitment(Circuit circuit, List<Double> features, Salt salt) {
        Path input = scratch("commitment-");
        try {
            writeInput(input, List.of(features), List.of(salt));
            String commitment = work(workers, proveTimeout, "commitment", circuit.directory().toString(), input.toString())
                    .path("commitment").asText();
            if (!commitment.matches("[0-9a-f]{64}")) {
                throw new ProverException("EZKL bridge answered a malformed commitment");
            }
            return commitment;
        } finally {
            deleteQuietly(input);
        }
    }

    /**
     * EZKL's input file, one input per row: the features as numbers (quantized by EZKL), then the salt words as field
     * elements.
     */
    private void writeInput(Path file, List<List<Double>> rows, List<Salt> salts) {
        List<List<Object>> inputs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = new ArrayList<>(rows.get(i));
            row.addAll(salts.get(i).felts());
            inputs.add(row);
        }
        try {
            json.writeValue(file.toFile(), Map.of("input_data", inputs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Verification verify(Circuit circuit, String proofJson) {
        requireSameVersion(circuit);
        Path proof = scratch("verify-");
        try {
            Files.writeString(proof, proofJson);
            JsonNode answer = work(verifiers, proveTimeout, "verify", circuit.directory().toString(), proof.toString(), circuit.srs().toString());
            return new Verification(answer.path("valid").asBoolean(false), answer.path("reason").asText(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(proof);
        }
    }

    @Override
    public Path evmVerifyingKey(Circuit circuit) {
        requireSameVersion(circuit);
        Path vka = circuit.directory().resolve(EVM_VKA);
        if (Files.notExists(vka)) {
            Path made = circuit.directory().resolve(EVM_VKA + "." + UUID.randomUUID() + ".part"); // moved atomically
            try {
                call(setupTimeout, "evm-vka", circuit.directory().toString(), made.toString(), circuit.srs().toString());
                Files.move(made, vka, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteQuietly(made);
            }
        }
        return vka;
    }

    @Override
    public void writeEvmVerifier(Circuit circuit, Path out) {
        requireSameVersion(circuit);
        call(setupTimeout, "evm-verifier", circuit.directory().toString(), out.toString(), circuit.srs().toString());
        deleteQuietly(Path.of(out + ".abi"));
    }

    @Override
    public void writeEvmCircuitVerifier(Circuit circuit, Path out) {
        requireSameVersion(circuit);
        call(setupTimeout, "evm-verifier", circuit.directory().toString(), out.toString(), circuit.srs().toString(), "single");
        deleteQuietly(Path.of(out + ".abi"));
    }

    private static Path scratch(String prefix) {
        try {
            return Files.createTempFile("veriscore-" + prefix, ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireSameVersion(Circuit circuit) {
        if (!version.equals(circuit.ezklVersion())) {
            throw new ProverException("circuit in %s was built by EZKL %s; this prover is %s: rebuild it"
                    .formatted(circuit.directory(), circuit.ezklVersion(), version));
        }
    }

    /**
     * Runs a command in a free worker of {@code pool}: a proof waits for one as long as it takes (it is not its fault
     * that the others are busy), a verification up to {@code timeout}, which its run then has in full.
     */
    private JsonNode work(BlockingQueue<EzklWorker> pool, Duration timeout, String... args) {
        EzklWorker worker;
        try {
            worker = pool == workers ? pool.take() : pool.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProverException("interrupted while waiting for an EZKL worker", e);
        }
        if (worker == null) {
            throw new ProverException("no EZKL verifier became free within " + timeout + ": the service is busy verifying");
        }
        try {
            return worker.call(timeout, timeout, args);
        } finally {
            pool.add(worker);
        }
    }

    /** Stops the workers; a later proof starts them again. */
    @Override
    public void close() {
        workers.forEach(EzklWorker::close);
        verifiers.forEach(EzklWorker::close);
    }

    /** The process ids of the running workers (for tests that kill one). */
    List<Long> workerPids() {
        return java.util.stream.Stream.concat(workers.stream(), verifiers.stream()).map(EzklWorker::pid).filter(pid -> pid > 0).toList();
    }

    private JsonNode call(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(python.toString(), bridge.toString()));
        command.addAll(List.of(args));
        String stdout = Subprocess.run(command, timeout).stdout().strip();
        String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
        try {
            JsonNode answer = json.readTree(last);
            if (answer == null || !answer.isObject()) {
                throw new ProverException("EZKL bridge answered no JSON object to " + args[0]);
            }
            return answer;
        } catch (IOException e) {
            throw new ProverException("EZKL bridge answered unreadable JSON to " + args[0], e);
        }
    }

    private static Path unpackBridge(Path workDir) {
        try (InputStream in = EzklProver.class.getResourceAsStream("ezkl_bridge.py")) {
            Files.createDirectories(workDir);
            Path script = workDir.resolve("ezkl_bridge.py");
            Files.write(script, in.readAllBytes());
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path... files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // leftovers in the circuit directory are harmless
            }
        }
    }
}

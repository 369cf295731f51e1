package io.veriscore.zk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Circuits built once and kept, content-addressed by model SHA-256, EZKL version, settings, SRS and calibration set.
 *
 * <p>Safe when two threads or two processes race: the builder holds a file lock on the key, builds in a
 * staging directory and moves it into place atomically; everyone else then reads the finished one.
 */
public final class CircuitStore {

    private static final String MANIFEST = "circuit.json";

    /** What a finished circuit directory records about itself. */
    record Manifest(String modelSha256, String provenModelSha256, String profile, String ezklVersion, int logrows,
            String settingsSha256, String verifyingKeySha256, String srsSha256, String srsIdentity, boolean developmentSrs) {}

    private final ZkProver prover;
    private final Path root;
    private final Srs srs;
    private final ObjectMapper json = new ObjectMapper();
    /** File locks belong to the whole JVM, so threads (of any store) first queue on the lock path here. */
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    public CircuitStore(ZkProver prover, Path root, Srs srs) {
        this.prover = prover;
        this.root = root;
        this.srs = srs;
    }

    /** The circuit of {@code model}, built on first use. */
    public Circuit circuitFor(Path model, String modelSha256, List<List<Double>> calibration, CircuitSettings settings) {
        if (!modelSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("model SHA-256 must be 64 lower-case hex digits: " + modelSha256);
        }
        String key = key(modelSha256, settings, calibration);
        Path directory = root.resolve(key);
        Path lock = root.resolve(key + ".lock").toAbsolutePath().normalize();
        synchronized (JVM_LOCKS.computeIfAbsent(lock, k -> new Object())) {
            try {
                Files.createDirectories(root);
                if (Files.exists(directory.resolve(MANIFEST))) {
                    return load(directory);
                }
                try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock held = channel.lock(); // released when the channel closes
                    if (!Files.exists(directory.resolve(MANIFEST))) {
                        build(model, modelSha256, calibration, settings, directory);
                    }
                    held.release();
                }
                return load(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void build(Path model, String modelSha256, List<List<Double>> calibration, CircuitSettings settings,
            Path directory) throws IOException {
        Path staging = root.resolve(directory.getFileName() + ".staging-" + UUID.randomUUID());
        try {
            Circuit built = prover.setUp(new CircuitSpec(model, calibration, staging, settings, srs.file()));
            json.writeValue(staging.resolve(MANIFEST).toFile(), new Manifest(modelSha256, built.provenModelSha256(),
                    built.profile(), built.ezklVersion(), built.logrows(), built.settingsSha256(), built.verifyingKeySha256(), built.srsSha256(),
                    srs.identity(), built.developmentSrs()));
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(staging);
        }
    }

    private Circuit load(Path directory) throws IOException {
        Manifest manifest = json.readValue(directory.resolve(MANIFEST).toFile(), Manifest.class);
        if (!manifest.ezklVersion().equals(prover.version())) {
            throw new ProverException("circuit %s was built by EZKL %s; this prover is %s"
                    .formatted(directory, manifest.ezklVersion(), prover.version()));
        }
        Path srsFile = srs.file().orElse(directory.resolve("kzg.srs"));
        int[] shape = Circuit.shape(directory);
        return new Circuit(directory, srsFile, manifest.ezklVersion(), manifest.profile(), manifest.provenModelSha256(),
                manifest.logrows(), shape[0], shape[1], shape[2], manifest.settingsSha256(),
                manifest.verifyingKeySha256(), manifest.srsSha256(), manifest.developmentSrs());
    }

    /** Everything a circuit is built from: calibration picks its fixed-point ranges, so it is part of the key. */
    private String key(String modelSha256, CircuitSettings settings, List<List<Double>> calibration) {
        String material = String.join("\n", modelSha256, prover.version(), settings.toString(), srs.identity(),
                calibration.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return modelSha256.substring(0, 16) + "-ezkl-" + prover.version() + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}

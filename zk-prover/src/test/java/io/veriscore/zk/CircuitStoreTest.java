package io.veriscore.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CircuitStoreTest {

    private static final String MODEL_SHA = "e199febb3d4093abe991e7321c74959fdc24e359145d769478a3e860ce95e744";

    @TempDir
    Path temp;

    static EzklProver ezkl;
    static Path model;
    static List<List<Double>> calibration;

    @BeforeAll
    static void prover(@TempDir Path work) throws Exception {
        ezkl = new EzklProver(Path.of(System.getProperty("veriscore.zk.python")), work, Duration.ofMinutes(5), Duration.ofMinutes(2));
        model = EzklProverTest.resource("stress-mlp/stress_mlp.onnx");
        calibration = EzklProverTest.validationFeatures(20);
    }

    /** The real prover, counting how often a circuit is built. */
    static final class CountingProver implements ZkProver {
        final AtomicInteger setUps = new AtomicInteger();

        @Override
        public String version() {
            return ezkl.version();
        }

        @Override
        public Circuit setUp(CircuitSpec spec) {
            setUps.incrementAndGet();
            return ezkl.setUp(spec);
        }

        @Override
        public Proof prove(Circuit circuit, List<Double> features, Salt salt) {
            return ezkl.prove(circuit, features, salt);
        }

        @Override
        public BatchProof proveBatch(Circuit circuit, List<List<Double>> rows, List<Salt> salts) {
            return ezkl.proveBatch(circuit, rows, salts);
        }

        @Override
        public String commitment(Circuit circuit, List<Double> features, Salt salt) {
            return ezkl.commitment(circuit, features, salt);
        }

        @Override
        public Verification verify(Circuit circuit, String proofJson) {
            return ezkl.verify(circuit, proofJson);
        }

        @Override
        public Path evmVerifyingKey(Circuit circuit) {
            return ezkl.evmVerifyingKey(circuit);
        }

        @Override
        public void writeEvmVerifier(Circuit circuit, Path out) {
            ezkl.writeEvmVerifier(circuit, out);
        }

        @Override
        public void writeEvmCircuitVerifier(Circuit circuit, Path out) {
            ezkl.writeEvmCircuitVerifier(circuit, out);
        }
    }

    @Test
    void racingRequestsBuildTheCircuitOnceAndShareIt() throws Exception {
        CountingProver prover = new CountingProver();
        Path root = temp.resolve("circuits");
        CircuitStore first = new CircuitStore(prover, root, Srs.development());
        CircuitStore second = new CircuitStore(prover, root, Srs.development()); // as a second instance would
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Circuit>> circuits = List.of(
                    pool.submit(() -> first.circuitFor(model, MODEL_SHA, calibration, CircuitSettings.fast())),
                    pool.submit(() -> first.circuitFor(model, MODEL_SHA, calibration, CircuitSettings.fast())),
                    pool.submit(() -> second.circuitFor(model, MODEL_SHA, calibration, CircuitSettings.fast())),
                    pool.submit(() -> second.circuitFor(model, MODEL_SHA, calibration, CircuitSettings.fast())));
            Circuit circuit = circuits.get(0).get();
            for (Future<Circuit> other : circuits) {
                assertEquals(circuit, other.get());
            }
            assertEquals(1, prover.setUps.get());
            assertTrue(circuit.directory().getFileName().toString().startsWith(MODEL_SHA.substring(0, 16) + "-ezkl-" + ezkl.version()));
            try (var leftovers = Files.list(root)) {
                assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().contains(".staging-")));
            }
            Proof proof = prover.prove(circuit, EzklProverTest.TIRED, Salt.random());
            assertTrue(prover.verify(circuit, proof.json()).valid(), "the moved circuit still proves and verifies");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesACircuitRecordedForAnotherEzklVersion() throws Exception {
        Path root = temp.resolve("stale");
        CircuitStore store = new CircuitStore(ezkl, root, Srs.development());
        Circuit circuit = store.circuitFor(model, MODEL_SHA, calibration, CircuitSettings.fast());
        Path manifest = circuit.directory().resolve("circuit.json");
        Files.writeString(manifest, Files.readString(manifest).replace(ezkl.version(), "22.0.0"));
        ProverException e = assertThrows(ProverException.class,
                () -> store.circuitFor(model, MODEL_SHA, calibration, CircuitSettings.fast()));
        assertTrue(e.getMessage().contains("built by EZKL 22.0.0"), e.getMessage());
    }

    @Test
    void aTrustedSrsMustBeOnTheAllowlist() throws Exception {
        Path file = temp.resolve("ppot.srs");
        Files.writeString(file, "not a real SRS");
        ProverException e = assertThrows(ProverException.class, () -> Srs.trusted(file, Set.of("00".repeat(32))));
        assertTrue(e.getMessage().contains("not on the allowlist"), e.getMessage());
        assertThrows(ProverException.class, () -> Srs.trusted(temp.resolve("missing.srs"), Set.of()));
        Srs trusted = Srs.trusted(file, Set.of(EzklProver.sha256(file)));
        assertEquals(Files.readString(file), Files.readString(trusted.file().orElseThrow()));
        assertFalse(trusted.identity().equals(Srs.development().identity()));
    }
}

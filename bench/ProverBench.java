import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.CircuitSettings;
import io.veriscore.zk.CircuitStore;
import io.veriscore.zk.EzklProver;
import io.veriscore.zk.Proof;
import io.veriscore.zk.Salt;
import io.veriscore.zk.Srs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Proving figures for the stress MLP, per circuit profile: one-time circuit set-up, then per-proof prove and verify
 * times (p50, p90), proof and key sizes, logrows and the largest deviation of a proven score (the sigmoid of the proven
 * logit) from ONNX Runtime, then the profiles' ratios. Arguments: PYTHON MODEL DATASET_CSV WORK_DIR PROOFS PROFILES
 * (comma-separated; the first one's circuit is printed for the service and bare-EZKL steps). Run by bench/prove.
 */
public class ProverBench {

    public static void main(String[] args) throws Exception {
        Path python = Path.of(args[0]);
        Path model = Path.of(args[1]);
        List<List<Double>> validation = validation(Path.of(args[2]));
        Path work = Path.of(args[3]);
        int proofs = Integer.parseInt(args[4]);

        List<String> profiles = List.of(args.length > 5 ? args[5].split(",") : new String[] {"fast", "onchain"});
        EzklProver prover = new EzklProver(python, work, Duration.ofMinutes(10), Duration.ofMinutes(2));
        Map<String, Double> proveP50 = new java.util.LinkedHashMap<>();
        String first = null;
        for (String profile : profiles) {
            Circuit circuit = measure(prover, CircuitSettings.named(profile), model, validation, work, proofs, proveP50);
            first = first == null ? circuit.directory().toString() : first;
        }
        String base = profiles.get(0);
        proveP50.forEach((profile, p50) -> System.out.printf("ratio prove p50 %s / %s: %.2f%n", profile, base, p50 / proveP50.get(base)));
        System.out.println("circuit " + first);
    }

    static Circuit measure(EzklProver prover, CircuitSettings settings, Path model, List<List<Double>> validation, Path work,
            int proofs, Map<String, Double> proveP50) throws Exception {
        long start = System.nanoTime();
        Circuit circuit = new CircuitStore(prover, work.resolve("circuits"), Srs.development())
                .circuitFor(model, sha256(model), validation, settings);
        System.out.printf("-- profile %s: %s%n", settings.profile(), settings);
        System.out.printf("EZKL %s; one-time set-up (derive, settings, calibration on %d validation samples, compile, dev SRS, keys): %.1f s%n",
                prover.version(), validation.size(), (System.nanoTime() - start) / 1e9);
        System.out.printf("logrows %d; proving key %.1f MB; verifying key %.1f KB%n", circuit.logrows(),
                Files.size(circuit.directory().resolve("pk.key")) / 1e6, Files.size(circuit.directory().resolve("vk.key")) / 1e3);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(Files.readAllBytes(model))) {
            double[] prove = new double[proofs];
            double[] verify = new double[proofs];
            double maxDeviation = 0;
            long proofBytes = 0;
            for (int i = 0; i < proofs; i++) {
                List<Double> features = validation.get(i % validation.size());
                long t0 = System.nanoTime();
                Proof proof = prover.prove(circuit, features, Salt.random());
                long t1 = System.nanoTime();
                if (!prover.verify(circuit, proof.json()).valid()) {
                    throw new IllegalStateException("a fresh proof did not verify");
                }
                long t2 = System.nanoTime();
                prove[i] = (t1 - t0) / 1e9;
                verify[i] = (t2 - t1) / 1e9;
                maxDeviation = Math.max(maxDeviation, Math.abs(proof.score() - onnx(env, session, features)));
                proofBytes = proof.json().length();
            }
            System.out.printf("prove (witness + proof, in a long-lived EZKL worker): p50 %.2f s, p90 %.2f s over %d proofs%n",
                    percentile(prove, 50), percentile(prove, 90), proofs);
            System.out.printf("verify: p50 %.3f s, p90 %.3f s%n", percentile(verify, 50), percentile(verify, 90));
            System.out.printf("proof file %d bytes; max |proven - ONNX Runtime| %.5f over these %d proofs%n",
                    proofBytes, maxDeviation, proofs);
            writeValidation(work.resolve("validation.json"), env, session, validation);
            proveP50.put(settings.profile(), percentile(prove, 50));
        }
        return circuit;
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static double onnx(OrtEnvironment env, OrtSession session, List<Double> features) throws Exception {
        float[] row = new float[features.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = features.get(i).floatValue();
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, new float[][] {row});
             OrtSession.Result result = session.run(Map.of("input", input))) {
            return ((float[][]) result.get(0).getValue())[0][0];
        }
    }

    /** The validation set with ONNX Runtime's scores, for bare_prove.py to compare the circuit's outputs with. */
    static void writeValidation(Path file, OrtEnvironment env, OrtSession session, List<List<Double>> validation) throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (List<Double> features : validation) {
            json.append(json.length() > 1 ? "," : "").append("{\"features\":").append(features)
                    .append(",\"onnx\":").append(onnx(env, session, features)).append('}');
        }
        Files.writeString(file, json.append(']'));
    }

    static List<List<Double>> validation(Path csv) throws Exception {
        List<List<Double>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, 2001)) {
            String[] cells = line.split(",");
            if (cells[8].equals("val")) {
                // float32, as the plugin reads them: the same calibration set, so the service reuses this circuit
                rows.add(Arrays.stream(cells, 0, 7).map(cell -> (double) Float.parseFloat(cell)).toList());
            }
        }
        return rows;
    }

    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}

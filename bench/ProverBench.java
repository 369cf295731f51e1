import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.veriscore.zk.BatchProof;
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
 * logit) from ONNX Runtime, then the profiles' ratios. The batch profile proves full batches of 16 validation samples
 * and reports per batch and per score. Arguments: PYTHON MODEL DATASET_CSV WORK_DIR PROOFS PROFILES (comma-separated;
 * the first one's circuit is printed for the service and bare-EZKL steps). Run by bench/prove.
 */
public class ProverBench {

    public static void main(String[] args) throws Exception {
        Path python = Path.of(args[0]);
        Path model = Path.of(args[1]);
        List<List<Double>> validation = validation(Path.of(args[2]));
        Path work = Path.of(args[3]);
        int proofs = Integer.parseInt(args[4]);

        List<String> profiles = List.of(args.length > 5 ? args[5].split(",") : new String[] {"fast", "onchain", "batch"});
        EzklProver prover = new EzklProver(python, work, Duration.ofMinutes(10), Duration.ofMinutes(2));
        Map<String, Double> proveP50 = new java.util.LinkedHashMap<>();
        String first = null;
        for (String profile : profiles) {
            Circuit circuit = measure(prover, CircuitSettings.named(profile), model, validation, work, proofs, proveP50);
            first = first == null ? circuit.directory().toString() : first;
        }
        String base = profiles.get(0);
        proveP50.forEach((profile, p50) -> System.out.printf("ratio prove p50 %s / %s%s: %.2f%n", profile, base,
                profile.equals("batch") ? " (per score)" : "", p50 / proveP50.get(base)));
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
        if (settings.rows() > 1) {
            try (OrtSession session = env.createSession(Files.readAllBytes(model))) {
                measureBatch(prover, circuit, validation, Math.max(3, proofs / settings.rows()), env, session, proveP50);
            }
            return circuit;
        }
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

    /** Full batches of validation samples: prove and verify per batch, prove per score, deviation over every row. */
    static void measureBatch(EzklProver prover, Circuit circuit, List<List<Double>> validation, int batches, OrtEnvironment env,
            OrtSession session, Map<String, Double> proveP50) throws Exception {
        double[] prove = new double[batches];
        double[] verify = new double[batches];
        double maxDeviation = 0;
        long proofBytes = 0;
        for (int b = 0; b < batches; b++) {
            List<List<Double>> rows = new ArrayList<>();
            List<Salt> salts = new ArrayList<>();
            for (int r = 0; r < circuit.rows(); r++) {
                rows.add(validation.get((b * circuit.rows() + r) % validation.size()));
                salts.add(Salt.random());
            }
            long t0 = System.nanoTime();
            BatchProof proof = prover.proveBatch(circuit, rows, salts);
            long t1 = System.nanoTime();
            if (!prover.verify(circuit, proof.json()).valid()) {
                throw new IllegalStateException("a fresh batch proof did not verify");
            }
            long t2 = System.nanoTime();
            prove[b] = (t1 - t0) / 1e9;
            verify[b] = (t2 - t1) / 1e9;
            for (int r = 0; r < rows.size(); r++) {
                maxDeviation = Math.max(maxDeviation, Math.abs(proof.rows().get(r).score() - onnx(env, session, rows.get(r))));
            }
            proofBytes = proof.json().length();
        }
        double p50 = percentile(prove, 50);
        System.out.printf("prove a batch of %d: p50 %.2f s, p90 %.2f s over %d batches; per score p50 %.3f s%n", circuit.rows(),
                p50, percentile(prove, 90), batches, p50 / circuit.rows());
        System.out.printf("verify a batch: p50 %.3f s, p90 %.3f s%n", percentile(verify, 50), percentile(verify, 90));
        System.out.printf("proof file %d bytes; max |proven - ONNX Runtime| %.5f over these %d rows%n", proofBytes, maxDeviation,
                batches * circuit.rows());
        proveP50.put(circuit.profile(), p50 / circuit.rows());
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

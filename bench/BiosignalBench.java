import ai.onnxruntime.OrtEnvironment;
import io.veriscore.app.model.OnnxModelSession;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;
import io.veriscore.spi.ModelSession;
import io.veriscore.spi.SegmentingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * Per-window latency of the biosignal plugin, in process, one thread: cutting a recording at WESAD's rates (ECG and
 * respiration 700 Hz, EDA and temperature 4 Hz, acceleration 32 Hz; the ECG is MIT-BIH record 208 at 360 Hz) into 35 Hz windows, and scoring one window
 * (signal quality, drift, the network on ONNX Runtime with one thread). Run by bench/biosignal.
 */
public class BiosignalBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ModelPlugin plugin = null;
        for (ModelPluginFactory factory : ServiceLoader.load(ModelPluginFactory.class)) {
            if (factory.id().equals("biosignal")) {
                plugin = factory.create();
            }
        }
        ModelSession session = session(plugin);
        Map<String, Object> recording = recording(600);
        List<Long> segment = new ArrayList<>();
        List<Long> score = new ArrayList<>();
        List<Long> batch = new ArrayList<>();
        List<Map<String, Object>> windows = null;
        for (int round = -3; round < rounds; round++) {
            long start = System.nanoTime();
            windows = ((SegmentingModel) plugin).segment(recording);
            long cut = System.nanoTime();
            for (Map<String, Object> window : windows) {
                long t = System.nanoTime();
                plugin.predict(List.of(window), session);
                if (round >= 0) {
                    score.add(System.nanoTime() - t);
                }
            }
            long t = System.nanoTime();
            plugin.predict(windows, session);
            if (round >= 0) {
                segment.add((cut - start) / windows.size());
                batch.add((System.nanoTime() - t) / windows.size());
            }
        }
        System.out.printf("10-minute recording at WESAD's rates -> %d windows; %d rounds, one thread%n", windows.size(), rounds);
        System.out.printf("%-40s %10s %10s%n", "per window", "p50 ms", "p99 ms");
        System.out.printf("%-40s %10.3f %10.3f%n", "resample and cut (per window)", p(segment, 50), p(segment, 99));
        System.out.printf("%-40s %10.3f %10.3f%n", "quality + drift + network, one window", p(score, 50), p(score, 99));
        System.out.printf("%-40s %10.3f %10.3f%n", "the same in one batch of all windows", p(batch, 50), p(batch, 99));
    }

    /** MIT-BIH 208's ECG (models/biosignal/testdata, 360 Hz, played twice for 10 minutes) with quiet, plausible channels. */
    static Map<String, Object> recording(int seconds) throws Exception {
        double[] ecg = mitBih208();
        Random random = new Random(1);
        Map<String, Integer> rates = Map.of("ecg", 360, "eda", 4, "resp", 700, "temp", 4, "acc_x", 32, "acc_y", 32, "acc_z", 32);
        Map<String, Object> channels = new LinkedHashMap<>();
        for (var entry : rates.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < seconds * entry.getValue(); i++) {
                double t = (double) i / entry.getValue();
                values.add(switch (entry.getKey()) {
                    case "ecg" -> ecg[i % ecg.length];
                    case "eda" -> 3 + 0.01 * random.nextGaussian();
                    case "temp" -> 33.5 + 0.01 * random.nextGaussian();
                    case "resp" -> 5 * Math.sin(2 * Math.PI * 0.25 * t);
                    default -> 0.01 * random.nextGaussian();
                });
            }
            channels.put(entry.getKey(), Map.of("hz", entry.getValue(), "values", values));
        }
        return Map.of("channels", channels);
    }

    /** SciPy 1.11's ecg.dat: an .npz holding ecg.npy, uint16; mV = (value - 1024) / 200. */
    static double[] mitBih208() throws Exception {
        try (var zip = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(
                java.nio.file.Path.of("models/biosignal/testdata/ecg.dat")))) {
            zip.getNextEntry();
            byte[] bytes = zip.readAllBytes();
            var buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int data = 10 + (buffer.getShort(8) & 0xffff);
            double[] ecg = new double[(bytes.length - data) / 2];
            for (int i = 0; i < ecg.length; i++) {
                ecg[i] = ((buffer.getShort(data + 2 * i) & 0xffff) - 1024) / 200.0;
            }
            return ecg;
        }
    }

    static double p(List<Long> nanos, int percentile) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** The plugin's model in the service's own ONNX Runtime session, one thread. */
    static ModelSession session(ModelPlugin plugin) throws Exception {
        try (var in = plugin.getClass().getClassLoader().getResourceAsStream(plugin.descriptor().model().resourcePath())) {
            return new OnnxModelSession(OrtEnvironment.getEnvironment(), in.readAllBytes(), 1);
        }
    }
}

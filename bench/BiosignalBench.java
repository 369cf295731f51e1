import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.veriscore.spi.FloatTensor;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;
import io.veriscore.spi.ModelSession;
import io.veriscore.spi.SegmentingModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * Per-window latency of the biosignal plugin, in process, one thread: cutting a recording at WESAD's rates (ECG and
 * respiration 700 Hz, EDA and temperature 4 Hz, acceleration 32 Hz) into 35 Hz windows, and scoring one window
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

    static Map<String, Object> recording(int seconds) {
        Random random = new Random(1);
        Ecg ecg = Ecg.at72(seconds, random);
        Map<String, Integer> rates = Map.of("ecg", 700, "eda", 4, "resp", 700, "temp", 4, "acc_x", 32, "acc_y", 32, "acc_z", 32);
        Map<String, Object> channels = new LinkedHashMap<>();
        for (var entry : rates.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < seconds * entry.getValue(); i++) {
                double t = (double) i / entry.getValue();
                values.add(switch (entry.getKey()) {
                    case "ecg" -> ecg.at(t) + 0.02 * random.nextGaussian();
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

    /**
     * Beats 60/72 s apart on average, each interval and each R wave varying by a few percent as a heart's do (a
     * perfectly periodic ECG sampled at 35 Hz hits the same R-wave height every beat, which looks like clipping).
     */
    record Ecg(double[] beats, double[] heights) {

        static Ecg at72(double seconds, Random random) {
            int count = (int) (seconds * 72 / 60) + 2;
            double[] beats = new double[count];
            double[] heights = new double[count];
            for (int i = 0; i < count; i++) {
                beats[i] = (i == 0 ? 0.3 : beats[i - 1] + 60.0 / 72 * (1 + 0.04 * random.nextGaussian()));
                heights[i] = 1 + 0.08 * random.nextGaussian();
            }
            return new Ecg(beats, heights);
        }

        /** R (up), S (down, just after) and T (broad, later) waves of the beats around t. */
        double at(double t) {
            double value = 0;
            for (int i = 0; i < beats.length; i++) {
                double dt = t - beats[i];
                if (dt > -0.2 && dt < 0.6) {
                    value += heights[i] * (bump(dt, 0, 0.012, 1.0) + bump(dt, 0.03, 0.01, -0.3) + bump(dt, 0.25, 0.04, 0.25));
                }
            }
            return value;
        }

        private static double bump(double t, double centre, double width, double height) {
            return height * Math.exp(-(t - centre) * (t - centre) / (2 * width * width));
        }
    }

    static double p(List<Long> nanos, int percentile) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static ModelSession session(ModelPlugin plugin) throws Exception {
        byte[] model;
        try (var in = plugin.getClass().getClassLoader().getResourceAsStream(plugin.descriptor().model().resourcePath())) {
            model = in.readAllBytes();
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        OrtSession session = environment.createSession(model, options);
        return inputs -> {
            FloatTensor input = inputs.get("window");
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input.data()), input.shape());
                    OrtSession.Result result = session.run(Map.of("window", tensor))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                FloatBuffer buffer = out.getFloatBuffer();
                float[] data = new float[buffer.remaining()];
                buffer.get(data);
                Map<String, FloatTensor> outputs = new HashMap<>();
                outputs.put("probability", new FloatTensor(out.getInfo().getShape(), data));
                return outputs;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}

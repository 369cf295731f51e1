import ai.onnxruntime.OrtEnvironment;
import io.veriscore.app.model.OnnxModelSession;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * In-process latency of the stress MLP as the service runs it (plugin pre/post-processing plus
 * ONNX Runtime), at batch 1 and batch 64. Run by bench/run on the built service's class path.
 */
public class InferenceLatency {

    static final Map<String, Object> TIRED = Map.of("left_eye_aspect", 0.18, "right_eye_aspect", 0.19,
            "brow_tension", 0.025, "mouth_tension", 8.0, "eye_symmetry", 0.12, "mouth_opening", 0.05, "time_of_day", 0.67);

    public static void main(String[] args) throws Exception {
        ModelPlugin plugin = ServiceLoader.load(ModelPluginFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.id().equals("stress-mlp")).findFirst().orElseThrow().create();
        byte[] model;
        try (InputStream in = plugin.getClass().getClassLoader().getResourceAsStream(plugin.descriptor().model().resourcePath())) {
            model = in.readAllBytes();
        }
        try (OnnxModelSession session = new OnnxModelSession(OrtEnvironment.getEnvironment(), model, 1)) {
            for (int batch : new int[] {1, 64}) {
                List<Map<String, Object>> inputs = Collections.nCopies(batch, TIRED);
                int iterations = batch == 1 ? 100_000 : 10_000;
                measure(plugin, session, inputs, iterations / 5); // warm-up
                long[] nanos = measure(plugin, session, inputs, iterations);
                Arrays.sort(nanos);
                System.out.printf("in-process batch %2d: p50 %7.1f us  p99 %7.1f us  (%.2f us per input, %d runs)%n", batch,
                        nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3,
                        nanos[nanos.length / 2] / 1e3 / batch, iterations);
            }
        }
    }

    static long[] measure(ModelPlugin plugin, OnnxModelSession session, List<Map<String, Object>> inputs, int iterations) {
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            plugin.predict(inputs, session);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }
}

import ai.onnxruntime.OrtEnvironment;
import io.smallrye.config.WithDefault;
import io.veriscore.app.model.OnnxModelSession;
import io.veriscore.app.session.Focus;
import io.veriscore.app.session.SessionConfig;
import io.veriscore.face.FaceScan;
import io.veriscore.face.FaceScanner;
import io.veriscore.spi.FaceScanModel;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;
import io.veriscore.spi.ModelSession;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Per-stage latency of the face-scan path, in process, one thread (1 intra-op thread per model), over the 17 labelled
 * crops of models/face/testset (384 x 384 JPEG): decode, detect, landmarks, head pose, gaze (irises), focus (at the
 * default settings), features, stress MLP, FER (crop + model);
 * and frames per second of the whole chain, as a session stream runs it. Run by bench/face.
 */
public class FaceBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path testSet = Path.of("models/face/testset");
        List<byte[]> images = new ArrayList<>();
        try (var files = Files.list(testSet)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jpg") && !f.getFileName().toString().startsWith("group")).sorted().toList()) {
                images.add(Files.readAllBytes(file));
            }
        }
        Map<String, ModelPlugin> plugins = new HashMap<>();
        for (ModelPluginFactory factory : ServiceLoader.load(ModelPluginFactory.class)) {
            plugins.put(factory.id(), factory.create());
        }
        ModelPlugin stress = plugins.get("stress-mlp");
        ModelPlugin fer = plugins.get("fer");
        ModelSession stressSession = session(stress);
        ModelSession ferSession = session(fer);
        Map<String, List<Long>> stages = new LinkedHashMap<>();
        for (String stage : List.of("decode", "detect", "landmarks", "head pose", "gaze", "focus", "features", "stress MLP", "FER",
                "whole frame")) {
            stages.put(stage, new ArrayList<>());
        }
        try (FaceScanner scanner = new FaceScanner(FaceScanner.Limits.DEFAULT, 1)) {
            for (int round = -3; round < rounds; round++) { // three warm-up rounds
                for (byte[] image : images) {
                    long start = System.nanoTime();
                    FaceScan scan = scanner.scan(image, OffsetDateTime.now());
                    long t1 = System.nanoTime();
                    Map<String, Object> features = ((FaceScanModel) stress).inputFor(scan.face());
                    long t2 = System.nanoTime();
                    stress.predict(List.of(features), stressSession);
                    long t3 = System.nanoTime();
                    fer.predict(List.of(((FaceScanModel) fer).inputFor(scan.face())), ferSession);
                    long t4 = System.nanoTime();
                    Focus.of(scan.pose(), scan.gaze(), ((Number) features.get("left_eye_aspect")).doubleValue(), RULES);
                    long t5 = System.nanoTime();
                    if (round >= 0) {
                        stages.get("decode").add(scan.timings().decodeNanos());
                        stages.get("detect").add(scan.timings().detectNanos());
                        stages.get("landmarks").add(scan.timings().landmarksNanos());
                        stages.get("head pose").add(scan.timings().poseNanos());
                        stages.get("gaze").add(scan.timings().gazeNanos());
                        stages.get("focus").add(t5 - t4);
                        stages.get("features").add(t2 - t1);
                        stages.get("stress MLP").add(t3 - t2);
                        stages.get("FER").add(t4 - t3);
                        stages.get("whole frame").add(t4 - start);
                    }
                }
            }
        }
        System.out.printf("%d frames (%d crops x %d rounds), 384 x 384 JPEG, one thread%n", rounds * images.size(), images.size(), rounds);
        System.out.printf("%-12s %10s %10s%n", "stage", "p50 ms", "p99 ms");
        stages.forEach((stage, nanos) -> System.out.printf("%-12s %10.3f %10.3f%n", stage, percentile(nanos, 50), percentile(nanos, 99)));
        double mean = stages.get("whole frame").stream().mapToLong(Long::longValue).average().orElseThrow() / 1e6;
        System.out.printf("session stream, one thread: %.1f frames/s (mean %.1f ms a frame; HTTP and PostgreSQL not included)%n",
                1000 / mean, mean);
    }

    /** The session settings at their defaults, read from their @WithDefault annotations (no Quarkus here). */
    static final SessionConfig RULES = defaults(SessionConfig.class);

    @SuppressWarnings("unchecked")
    static <T> T defaults(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            WithDefault value = method.getAnnotation(WithDefault.class);
            Class<?> returns = method.getReturnType();
            if (value == null) {
                return returns.isInterface() ? defaults(returns) : null;
            }
            return returns == double.class ? Double.parseDouble(value.value()) : returns == int.class ? Integer.parseInt(value.value())
                    : returns == List.class ? List.of(value.value().split(",")) : value.value();
        });
    }

    static double percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** The plugin's model in the service's own ONNX Runtime session, one thread. */
    static ModelSession session(ModelPlugin plugin) throws Exception {
        try (var in = plugin.getClass().getClassLoader().getResourceAsStream(plugin.descriptor().model().resourcePath())) {
            return new OnnxModelSession(OrtEnvironment.getEnvironment(), in.readAllBytes(), 1);
        }
    }
}

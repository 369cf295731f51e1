package io.veriscore.app.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.veriscore.spi.ModelPluginFactory;
import io.veriscore.transparency.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Builds a real external plugin jar, {@code external-test}, the way a third party would: its source is
 * compiled against the SPI alone and packed with its ONNX model (a copy of the stress MLP).
 */
public final class ExternalPluginJar {

    public static final String ID = "external-test";

    private ExternalPluginJar() {}

    public static byte[] stressModel() throws IOException {
        try (InputStream in = ExternalPluginJar.class.getClassLoader()
                .getResourceAsStream("io/veriscore/plugin/stress/stress_mlp.onnx")) {
            return in.readAllBytes();
        }
    }

    /** Writes the plugin jar into {@code directory}, using {@code work} for sources and classes. */
    public static Path build(Path directory, Path work) throws Exception {
        byte[] model = stressModel();
        Path jarFile = Files.createDirectories(directory).resolve(ID + ".jar");
        Path sources = Files.createDirectories(work.resolve("src/ext"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Files.writeString(sources.resolve("ExternalFactory.java"), """
                package ext;

                import io.veriscore.spi.*;
                import java.util.*;

                public final class ExternalFactory implements ModelPluginFactory {
                    public String id() { return "external-test"; }

                    public ModelPlugin create() {
                        return new ModelPlugin() {
                            public PluginDescriptor descriptor() {
                                return new PluginDescriptor("external-test", "0.0.1", "built by a test",
                                        "{\\"type\\": \\"object\\"}", "{\\"type\\": \\"object\\"}",
                                        new ModelArtifact("ext/model.onnx", "%s"));
                            }

                            public List<Prediction> predict(List<Map<String, Object>> inputs, ModelSession session) {
                                float[] rows = new float[inputs.size() * 7];
                                Arrays.fill(rows, 0.3f);
                                float[] scores = session.run(Map.of("input", FloatTensor.matrix(inputs.size(), 7, rows)))
                                        .get("output").data();
                                List<Prediction> out = new ArrayList<>();
                                ClassLoader own = getClass().getClassLoader();
                                Map<String, Object> seen = Map.of(
                                        "contextLoaderIsOwn", Thread.currentThread().getContextClassLoader() == own,
                                        "seesSpiResource", own.getResource("io/veriscore/spi/ModelPlugin.class") != null);
                                for (float score : scores) {
                                    out.add(new Prediction(score, "ok", seen, List.of()));
                                }
                                return out;
                            }
                        };
                    }
                }
                """.formatted(Sha256.hex(model)));
        Path spi = Path.of(ModelPluginFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "21", "-proc:none",
                "-classpath", spi.toString(), "-d", classes.toString(), sources.resolve("ExternalFactory.java").toString());
        assertEquals(0, status, "the test plugin compiles against the SPI alone");

        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jarFile));
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path file : compiled.filter(Files::isRegularFile).toList()) {
                add(jar, classes.relativize(file).toString(), Files.readAllBytes(file));
            }
            add(jar, "META-INF/services/io.veriscore.spi.ModelPluginFactory", "ext.ExternalFactory\n".getBytes(StandardCharsets.UTF_8));
            add(jar, "ext/model.onnx", model);
        }
        return jarFile;
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }
}

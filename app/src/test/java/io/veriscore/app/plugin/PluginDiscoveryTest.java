package io.veriscore.app.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import io.veriscore.app.inference.CanonicalJson;
import io.veriscore.app.inference.OnnxModelSession;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;
import io.veriscore.spi.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

    @TempDir
    Path temp;

    @Test
    void findsThePluginsOnTheClassPath() {
        List<ModelPluginFactory> found = PluginLoader.discover(getClass().getClassLoader(), Optional.empty());
        assertEquals(List.of("stress-mlp"), found.stream().map(ModelPluginFactory::id).toList());
    }

    @Test
    void loadsAPluginJarFromTheDirectoryInItsOwnClassLoader() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        byte[] model = stressModel();
        buildPluginJar(plugins.resolve("external-test.jar"), model);

        List<ModelPluginFactory> found = PluginLoader.discover(ClassLoader.getPlatformClassLoader(), Optional.of(plugins));

        assertEquals(1, found.size());
        ModelPluginFactory factory = found.get(0);
        assertEquals("external-test", factory.id());
        ClassLoader loader = factory.getClass().getClassLoader();
        assertInstanceOf(PluginClassLoader.class, loader);
        assertSame(ModelPlugin.class, loader.loadClass("io.veriscore.spi.ModelPlugin"), "the SPI is shared");
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(PluginLoader.class.getName()),
                "the service's own classes are hidden");
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"),
                "the service's libraries are hidden");

        ModelPlugin plugin = factory.create();
        assertEquals(CanonicalJson.sha256Hex(model), plugin.descriptor().model().sha256());
        try (OnnxModelSession session = new OnnxModelSession(OrtEnvironment.getEnvironment(), model, 1)) {
            List<Prediction> predictions = plugin.predict(List.of(Map.of(), Map.of()), session);
            assertEquals(2, predictions.size());
            assertTrue(predictions.get(0).score() > 0 && predictions.get(0).score() < 1);
        }
    }

    @Test
    void aJarWithoutAFactoryIsRefusedByName() throws IOException {
        Path plugins = Files.createDirectories(temp.resolve("empty"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("nothing.jar")))) {
            jar.putNextEntry(new JarEntry("README.txt"));
            jar.write("no plugin here".getBytes(StandardCharsets.UTF_8));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PluginLoader.discover(ClassLoader.getPlatformClassLoader(), Optional.of(plugins)));
        assertTrue(e.getMessage().contains("nothing.jar"), e.getMessage());
    }

    private static byte[] stressModel() throws IOException {
        try (InputStream in = PluginDiscoveryTest.class.getClassLoader()
                .getResourceAsStream("io/veriscore/plugin/stress/stress_mlp.onnx")) {
            return in.readAllBytes();
        }
    }

    /** Compiles a plugin against the SPI alone and packs it, with its model, into a jar. */
    private void buildPluginJar(Path jarFile, byte[] model) throws Exception {
        Path sources = Files.createDirectories(temp.resolve("src/ext"));
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Files.writeString(sources.resolve("ExternalFactory.java"), """
                package ext;

                import io.veriscore.spi.*;
                import java.util.*;

                public final class ExternalFactory implements ModelPluginFactory {
                    public String id() { return "external-test"; }

                    public ModelPlugin create() {
                        return new ModelPlugin() {
                            public PluginDescriptor descriptor() {
                                return new PluginDescriptor("external-test", "0.0.1", "built by PluginDiscoveryTest",
                                        "{\\"type\\": \\"object\\"}", "{\\"type\\": \\"object\\"}",
                                        new ModelArtifact("ext/model.onnx", "%s"), false);
                            }

                            public List<Prediction> predict(List<Map<String, Object>> inputs, ModelSession session) {
                                float[] rows = new float[inputs.size() * 7];
                                Arrays.fill(rows, 0.3f);
                                float[] scores = session.run(Map.of("input", FloatTensor.matrix(inputs.size(), 7, rows)))
                                        .get("output").data();
                                List<Prediction> out = new ArrayList<>();
                                for (float score : scores) {
                                    out.add(new Prediction(score, "ok", Map.of(), List.of()));
                                }
                                return out;
                            }
                        };
                    }
                }
                """.formatted(CanonicalJson.sha256Hex(model)));
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
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }
}

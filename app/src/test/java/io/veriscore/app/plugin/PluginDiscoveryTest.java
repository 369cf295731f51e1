package io.veriscore.app.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import io.veriscore.app.model.OnnxModelSession;
import io.veriscore.spi.ModelPlugin;
import io.veriscore.spi.ModelPluginFactory;
import io.veriscore.spi.Prediction;
import io.veriscore.transparency.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

    @TempDir
    Path temp;

    @Test
    void findsThePluginsOnTheClassPath() {
        List<ModelPluginFactory> found = PluginLoader.discover(getClass().getClassLoader(), Optional.empty());
        assertEquals(List.of("biosignal", "fer", "stress-mlp"), found.stream().map(ModelPluginFactory::id).sorted().toList());
    }

    @Test
    void loadsAPluginJarFromTheDirectoryInItsOwnClassLoader() throws Exception {
        Path plugins = temp.resolve("plugins");
        ExternalPluginJar.build(plugins, temp.resolve("work"));
        byte[] model = ExternalPluginJar.stressModel();

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
        assertEquals(Sha256.hex(model), plugin.descriptor().model().sha256());
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
}

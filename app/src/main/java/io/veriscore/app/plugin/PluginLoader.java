package io.veriscore.app.plugin;

import io.veriscore.spi.ModelPluginFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds plugin factories with {@link ServiceLoader}: those on the service's class path, and those in
 * an optional plugin directory, where each jar, or each sub-directory of jars, is one plugin.
 */
public final class PluginLoader {

    private PluginLoader() {}

    public static List<ModelPluginFactory> discover(ClassLoader classPath, Optional<Path> pluginDirectory) {
        List<ModelPluginFactory> factories = new ArrayList<>();
        ServiceLoader.load(ModelPluginFactory.class, classPath).forEach(factories::add);
        pluginDirectory.ifPresent(dir -> factories.addAll(fromDirectory(dir)));
        return factories;
    }

    static List<ModelPluginFactory> fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("plugin directory " + directory + " does not exist");
        }
        List<ModelPluginFactory> factories = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                List<Path> jars = Files.isDirectory(entry) ? jarsIn(entry) : isJar(entry) ? List.of(entry) : List.of();
                if (!jars.isEmpty()) {
                    factories.addAll(load(entry.getFileName().toString(), jars));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin directory " + directory, e);
        }
        return factories;
    }

    private static List<ModelPluginFactory> load(String name, List<Path> jars) {
        URL[] urls = jars.stream().map(PluginLoader::url).toArray(URL[]::new);
        ClassLoader loader = new PluginClassLoader(name, urls, ModelPluginFactory.class.getClassLoader());
        List<ModelPluginFactory> found = ServiceLoader.load(ModelPluginFactory.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("plugin " + name + " declares no " + ModelPluginFactory.class.getName()
                    + " in META-INF/services");
        }
        return found;
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(PluginLoader::isJar).sorted().toList();
        }
    }

    private static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

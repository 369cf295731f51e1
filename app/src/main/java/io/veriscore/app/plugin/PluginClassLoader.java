package io.veriscore.app.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * Isolates an external plugin, the way Trino loads connectors: the plugin sees the JDK, its own jars
 * and the SPI package (its classes and resources), and nothing of the service (its libraries, its other plugins).
 */
final class PluginClassLoader extends URLClassLoader {

    static final String SPI_PACKAGE = "io.veriscore.spi.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader spiLoader;

    PluginClassLoader(String name, URL[] jars, ClassLoader spiLoader) {
        super(name, jars, ClassLoader.getPlatformClassLoader());
        this.spiLoader = spiLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            return spiLoader.loadClass(name); // one SPI class for everyone, or the casts fail
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return isSpiResource(name) ? spiLoader.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isSpiResource(name) ? spiLoader.getResources(name) : super.getResources(name);
    }

    private static boolean isSpiResource(String name) {
        return name.startsWith(SPI_PACKAGE.replace('.', '/'));
    }
}

package io.veriscore.app.plugin;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

@ConfigMapping(prefix = "veriscore.plugins")
public interface PluginsConfig {
    /**
     * Directory scanned at start-up for external plugins: each {@code *.jar} in it, and each
     * sub-directory of jars, is loaded in a class loader of its own. None by default.
     */
    Optional<Path> directory();
}

package io.veriscore.spi;

/**
 * Entry point of a model plugin, found with {@link java.util.ServiceLoader}.
 *
 * <p>A plugin jar lists its factory in {@code META-INF/services/io.veriscore.spi.ModelPluginFactory}.
 * Veriscore creates one plugin per factory at start-up and keeps it for the life of the service.
 */
public interface ModelPluginFactory {

    /** The id of the plugin this factory creates, e.g. {@code stress-mlp}; unique in one service. */
    String id();

    ModelPlugin create();
}

package io.veriscore.spi;

import java.util.Objects;

/**
 * What a plugin tells the service and its clients about itself.
 *
 * @param id           stable identifier used in the API, e.g. {@code stress-mlp}
 * @param version      the plugin's version; changes whenever the model or its pre-processing changes
 * @param description  one line for people
 * @param inputSchema  JSON Schema (2020-12) of one input object
 * @param outputSchema JSON Schema (2020-12) of one prediction
 * @param model        the ONNX model the plugin runs
 */
public record PluginDescriptor(
        String id,
        String version,
        String description,
        String inputSchema,
        String outputSchema,
        ModelArtifact model) {

    public PluginDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(outputSchema, "outputSchema");
        Objects.requireNonNull(model, "model");
    }
}

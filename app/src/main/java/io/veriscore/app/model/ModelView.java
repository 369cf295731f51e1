package io.veriscore.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.spi.PluginDescriptor;

/** A plugin as {@code GET /v1/models} shows it; {@code acceptsImages} when it can score a face in an image. */
public record ModelView(
        String id,
        String version,
        String description,
        boolean provable,
        boolean acceptsImages,
        Onnx onnx,
        JsonNode inputSchema,
        JsonNode outputSchema) {

    public record Onnx(String resource, String sha256) {}

    public static ModelView of(LoadedModel model) {
        PluginDescriptor d = model.descriptor();
        return new ModelView(d.id(), d.version(), d.description(), model.provable(),
                model.faceScanModel().isPresent(), new Onnx(d.model().resourcePath(), d.model().sha256()), model.inputSchema(), model.outputSchema());
    }
}

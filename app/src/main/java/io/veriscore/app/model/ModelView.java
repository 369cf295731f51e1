package io.veriscore.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.veriscore.spi.PluginDescriptor;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A plugin as {@code GET /v1/models} shows it; {@code acceptsImages} when it can score a face in an image;
 * {@code provableRanges}, for a provable model, the range of each input its circuit can prove.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record ModelView(
        String id,
        String version,
        String description,
        boolean provable,
        boolean acceptsImages,
        Onnx onnx,
        JsonNode inputSchema,
        JsonNode outputSchema,
        @Schema(nullable = true) java.util.Map<String, ProvableRanges.Range> provableRanges) {

    public record Onnx(String resource, String sha256) {}

    public static ModelView of(LoadedModel model) {
        PluginDescriptor d = model.descriptor();
        return new ModelView(d.id(), d.version(), d.description(), model.provable(),
                model.faceScanModel().isPresent(), new Onnx(d.model().resourcePath(), d.model().sha256()), model.inputSchema(), model.outputSchema(),
                model.provableRanges().map(ProvableRanges::published).orElse(null));
    }
}

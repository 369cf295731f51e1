package io.veriscore.app.model;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "The model plugins the service runs")
@PermitAll
public class ModelResource {

    private final ModelRegistry models;

    ModelResource(ModelRegistry models) {
        this.models = models;
    }

    /** Every loaded plugin with its input and output JSON Schema. */
    @GET
    @Operation(summary = "Every loaded model with its input and output JSON Schema")
    public List<ModelView> list() {
        return models.all().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One model")
    public ModelView get(@PathParam("id") String id) {
        return ModelView.of(models.get(id));
    }
}

package io.veriscore.app.api;

import io.veriscore.app.inference.ModelRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelRegistry models;

    ModelResource(ModelRegistry models) {
        this.models = models;
    }

    /** Every loaded plugin with its input and output JSON Schema. */
    @GET
    public List<ModelView> list() {
        return models.all().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("{id}")
    public ModelView get(@PathParam("id") String id) {
        return ModelView.of(models.get(id));
    }
}

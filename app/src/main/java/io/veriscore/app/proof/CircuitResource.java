package io.veriscore.app.proof;

import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.app.web.Problem;
import io.veriscore.zk.Circuit;
import io.veriscore.zk.CircuitSettings;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A provable model's circuit: enough to verify its proofs with EZKL alone, without trusting this service. */
@Path("/v1/models/{id}/circuit")
@Tag(name = "Models")
@PermitAll
public class CircuitResource {

    static final String SETTINGS = "settings.json";
    static final String VERIFYING_KEY = "vk.key";
    static final String SRS = "kzg.srs";
    static final String PROVEN_MODEL = "proven.onnx";

    private final ModelRegistry models;
    private final ProofChecks proofs;

    CircuitResource(ModelRegistry models, ProofChecks proofs) {
        this.models = models;
        this.proofs = proofs;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The model's circuit: EZKL version, settings, verifying key and SRS, with their SHA-256")
    @APIResponse(responseCode = "200", description = "The circuit")
    @APIResponse(responseCode = "404", description = "No such model, or the model is not provable",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The prover is unavailable or the circuit is being built",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CircuitView get(@PathParam("id") String id, @QueryParam("profile") String profile) {
        LoadedModel model = provable(id);
        return CircuitView.of(model, proofs.circuit(id, profile(profile)));
    }

    @GET
    @Path("{file}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(summary = "One artefact of the circuit: settings.json, vk.key, kzg.srs or proven.onnx (the graph proven:"
            + " the model cut before its final Sigmoid, with zero-weight salt columns)")
    public Response file(@PathParam("id") String id, @PathParam("file") String file, @QueryParam("profile") String profile) {
        provable(id);
        Circuit circuit = proofs.circuit(id, profile(profile));
        java.nio.file.Path path = switch (file) {
            case SETTINGS -> circuit.settingsFile();
            case VERIFYING_KEY -> circuit.verifyingKeyFile();
            case SRS -> circuit.srs();
            case PROVEN_MODEL -> circuit.provenModelFile();
            default -> throw VeriscoreException.notFound("the circuit has no file '" + file + "'; it has "
                    + String.join(", ", SETTINGS, VERIFYING_KEY, SRS, PROVEN_MODEL));
        };
        String type = file.equals(SETTINGS) ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_OCTET_STREAM;
        return Response.ok(path.toFile(), type).header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Content-Length", size(path)).build();
    }

    /**
     * The circuit {@code ?profile=} asks for: by default the one single proofs are made with; {@code batch}, the one batch
     * proofs are made with; {@code onchain}, the one on-chain records are proven with.
     */
    private CircuitSettings profile(String profile) {
        if (profile == null || profile.isEmpty() || profile.equals(proofs.profile())) {
            return CircuitSettings.named(proofs.profile());
        }
        if (profile.equals(CircuitSettings.batch().profile()) || profile.equals(CircuitSettings.onchain().profile())) {
            return CircuitSettings.named(profile);
        }
        throw VeriscoreException.invalidRequest("query parameter 'profile' must be " + proofs.profile() + " (the default), "
                + CircuitSettings.batch().profile() + " or " + CircuitSettings.onchain().profile());
    }

    private LoadedModel provable(String id) {
        LoadedModel model = models.get(id);
        if (!model.provable()) {
            throw VeriscoreException.notFound("model " + id + " is not provable, so it has no circuit");
        }
        return model;
    }

    private static long size(java.nio.file.Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

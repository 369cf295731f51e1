package io.veriscore.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.inference.CanonicalJson;
import io.veriscore.app.inference.InferenceService;
import io.veriscore.app.inference.InferenceService.Command;
import io.veriscore.app.inference.InferenceService.Created;
import io.veriscore.app.persistence.InferenceRepository.Filter;
import io.veriscore.app.persistence.InferenceRepository.Position;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/v1/inferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inferences", description = "Score inputs with a model and read the stored results")
public class InferenceResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;

    private final InferenceService service;
    private final VeriscoreConfig config;
    private final ObjectMapper mapper;

    InferenceResource(InferenceService service, VeriscoreConfig config, ObjectMapper mapper) {
        this.service = service;
        this.config = config;
        this.mapper = mapper;
    }

    /** Scores one input ({@code input}) or a batch ({@code inputs}) and stores the results: 201. */
    @POST
    @Operation(summary = "Score one input or a batch and store the results",
            description = "Send 'input' (one object) or 'inputs' (up to veriscore.inference.max-batch-size objects)."
                    + " With an Idempotency-Key header a retry returns the first response and stores nothing new.")
    @APIResponse(responseCode = "201", description = "Stored; one result, or {results: [...]} for a batch")
    @APIResponse(responseCode = "400", description = "Malformed request", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body or batch too large", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Unknown model, input the model rejects, or a reused key",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Database unavailable; nothing stored, retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InferenceRequest request, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        Created created = service.create(command(request, idempotencyKey));
        List<InferenceView> views = created.records().stream().map(InferenceView::of).toList();
        Response.ResponseBuilder response = created.batch()
                ? Response.status(Response.Status.CREATED).entity(new InferenceView.Batch(views))
                : Response.created(URI.create("/v1/inferences/" + views.get(0).id())).entity(views.get(0));
        return created.replayed() ? response.header(REPLAYED, "true").build() : response.build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One stored result")
    public InferenceView get(@PathParam("id") String id) {
        return InferenceView.of(service.get(uuid(id)));
    }

    /** Stored results, newest first, filtered by model, label and time range [from, to). */
    @GET
    @Operation(summary = "Stored results, newest first, filtered and paginated with a cursor")
    public InferenceView.Page list(@QueryParam("model") String model, @QueryParam("label") String label,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Filter filter = new Filter(Optional.ofNullable(model), Optional.ofNullable(label), instant("from", from), instant("to", to));
        InferenceService.Page page = service.list(filter, Optional.ofNullable(cursor).map(InferenceResource::decode), pageSize(limit));
        return new InferenceView.Page(page.records().stream().map(InferenceView::of).toList(),
                page.next().map(InferenceResource::encode).orElse(null));
    }

    private Command command(InferenceRequest request, String idempotencyKey) {
        if (request == null) {
            throw VeriscoreException.invalidRequest("the request body must be a JSON object with 'model' and 'input' or 'inputs'");
        }
        if (request.model() == null || request.model().isBlank()) {
            throw VeriscoreException.invalidRequest("'model' is required: the id of a model from GET /v1/models");
        }
        if ((request.input() == null) == (request.inputs() == null)) {
            throw VeriscoreException.invalidRequest("give exactly one of 'input' (one object) or 'inputs' (a batch)");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw VeriscoreException.invalidRequest(IDEMPOTENCY_KEY + " must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        boolean batch = request.inputs() != null;
        List<JsonNode> inputs = batch ? request.inputs() : List.of(request.input());
        int max = config.inference().maxBatchSize();
        if (batch && inputs.isEmpty()) {
            throw VeriscoreException.invalidRequest("'inputs' must hold at least one input");
        }
        if (inputs.size() > max) {
            throw VeriscoreException.tooLarge("a batch holds at most " + max + " inputs; this one has " + inputs.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null || !inputs.get(i).isObject()) {
                throw VeriscoreException.invalidRequest((batch ? "'inputs[" + i + "]'" : "'input'") + " must be a JSON object");
            }
        }
        return new Command(request.model(), inputs, batch, CanonicalJson.sha256(mapper, request), Optional.ofNullable(idempotencyKey));
    }

    private int pageSize(Integer limit) {
        if (limit == null) {
            return config.inference().defaultPageSize();
        }
        int max = config.inference().maxPageSize();
        if (limit < 1 || limit > max) {
            throw VeriscoreException.invalidRequest("'limit' must be between 1 and " + max);
        }
        return limit;
    }

    private static Optional<Instant> instant(String name, String value) {
        try {
            return Optional.ofNullable(value).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw VeriscoreException.invalidRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-23T08:00:00Z");
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw VeriscoreException.notFound("no inference with id " + id);
        }
    }

    private static String encode(Position position) {
        String plain = position.createdAt() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw VeriscoreException.invalidRequest("'cursor' is not a cursor returned by this listing");
        }
    }
}

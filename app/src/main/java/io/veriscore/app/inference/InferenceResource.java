package io.veriscore.app.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.veriscore.app.auth.Caller;
import io.veriscore.app.auth.CurrentCaller;
import io.veriscore.app.auth.Role;
import io.veriscore.app.canonical.CanonicalValues;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.face.Images;
import io.veriscore.app.inference.InferenceRepository.Filter;
import io.veriscore.app.inference.InferenceService.Command;
import io.veriscore.app.inference.InferenceService.Created;
import io.veriscore.app.inference.InferenceService.Payload;
import io.veriscore.app.web.JsonValues;
import io.veriscore.app.web.Listings;
import io.veriscore.app.web.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.Response;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/v1/inferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inferences", description = "Score inputs with a model and read the stored results")
@RolesAllowed({Role.CLIENT_ROLE, Role.AUDITOR_ROLE})
public class InferenceResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final String KEY_LENGTH = IDEMPOTENCY_KEY + " must have 1 to 255 characters";

    private final InferenceService service;
    private final ResultProofs proofs;
    private final ResultOnchain onchain;
    private final InferenceConfig inferenceConfig;
    private final ObjectMapper mapper;
    private final CurrentCaller caller;
    private final Validator validator;

    InferenceResource(InferenceService service, ResultProofs proofs, ResultOnchain onchain, InferenceConfig inferenceConfig,
            ObjectMapper mapper, CurrentCaller caller, Validator validator) {
        this.onchain = onchain;
        this.service = service;
        this.validator = validator;
        this.caller = caller;
        this.proofs = proofs;
        this.inferenceConfig = inferenceConfig;
        this.mapper = mapper;
    }

    /**
     * Scores one input ({@code input}) or a batch ({@code inputs}) and stores the results: 201; with
     * {@code prove: true}, 202 and a proof job per result.
     */
    @POST
    @Operation(summary = "Score one input or a batch and store the results; optionally prove them",
            description = "Send 'input' (one object) or 'inputs' (up to veriscore.inference.max-batch-size objects), or for"
                    + " a model that scores faces (stress-mlp, fer) an 'image': base64 JPEG or PNG, with 'capturedAt'"
                    + " (RFC 3339 with offset). The service finds the face (the largest, if several), computes the model's"
                    + " input from it and stores that input; the result adds 'input' and 'details.face'."
                    + " With \"prove\": true each result also gets a zero-knowledge proof, made in the background:"
                    + " its status (queued, proving, proven, failed) shows on the result and at /v1/inferences/{id}/proof."
                    + " With an Idempotency-Key header a retry returns the first response and stores nothing new.")
    @APIResponse(responseCode = "201", description = "Stored; one result, or {results: [...]} for a batch",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {InferenceView.class, InferenceView.Batch.class})))
    @APIResponse(responseCode = "202", description = "Stored, and proofs queued (\"prove\": true)",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {InferenceView.class, InferenceView.Batch.class})))
    @APIResponse(responseCode = "400", description = "Malformed request", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body or batch too large", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Unknown model, input the model rejects, or a reused key",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Database or (for proofs) prover unavailable; nothing stored, retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CLIENT_ROLE)
    @RunOnVirtualThread
    public Response create(
            @Valid @NotNull(message = "the request body must be a JSON object with 'model' and 'input' or 'inputs'") InferenceRequest request,
            @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 1, max = 255, message = KEY_LENGTH)
            String idempotencyKey) {
        Command command = command(request, idempotencyKey);
        Created created = service.create(command);
        List<InferenceView> views = created.replayed() ? views(created.records())
                : InferenceView.of(created.records(), proofs.fresh(created.records(), command.prove()), Map.of());
        Response.Status status = command.prove() ? Response.Status.ACCEPTED : Response.Status.CREATED;
        Response.ResponseBuilder response = created.batch()
                ? Response.status(status).entity(new InferenceView.Batch(views))
                : Response.status(status).location(URI.create("/v1/inferences/" + views.get(0).id())).entity(views.get(0));
        return created.replayed() ? response.header(REPLAYED, "true").build() : response.build();
    }

    /** The face-scan path for clients that upload a file: the same as {@code image} in JSON, as multipart form data. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Score the face in an uploaded image (multipart form data: model, image, capturedAt, prove)",
            description = "The same as POST with a JSON body and a base64 'image'; the answer and the stored result are identical.")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InferenceView.class)))
    @APIResponse(responseCode = "202", description = "Stored, and a proof queued (prove=true)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InferenceView.class)))
    @APIResponse(responseCode = "422", description = "No usable face; errors[0].detail names why",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Role.CLIENT_ROLE)
    public Response upload(@RestForm String model,
            @RestForm("image") @NotNull(message = "the form needs a file part 'image' (JPEG or PNG) and a field 'model'") FileUpload image,
            @RestForm String capturedAt, @RestForm @Pattern(regexp = "true|false", message = "'prove' must be true or false") String prove,
            @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 1, max = 255, message = KEY_LENGTH)
            String idempotencyKey) {
        String base64;
        try {
            base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(image.uploadedFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InferenceRequest request = new InferenceRequest(model, null, null, base64, capturedAt, null,
                prove == null ? null : Boolean.valueOf(prove));
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return create(request, idempotencyKey);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One stored result")
    public InferenceView get(@PathParam("id") UUID id) {
        InferenceRecord record = service.get(id, caller.get());
        return views(List.of(record)).get(0);
    }

    /** Stored results, newest first, filtered by model, label, proof status and time range [from, to). */
    @GET
    @Operation(summary = "Stored results, newest first, filtered and paginated with a cursor",
            description = "proofStatus: none, queued, proving, proven or failed; onchainStatus: " + ResultOnchain.STATES + ".")
    public InferenceView.Page list(@QueryParam("model") String model, @QueryParam("label") String label,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("proofStatus") String proofStatus,
            @QueryParam("onchainStatus") String onchainStatus,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String limit,
            @QueryParam("cursor") String cursor) {
        Filter filter = filter(model, label, from, to, proofStatus, onchainStatus);
        InferenceService.Page page = service.list(filter, Optional.ofNullable(cursor).map(Listings::decode),
                Listings.pageSize(limit, inferenceConfig.defaultPageSize(), inferenceConfig.maxPageSize()));
        return new InferenceView.Page(views(page.records()),
                page.next().map(Listings::encode).orElse(null));
    }

    /** Every result the filters match, newest first, as one CSV or JSON file: the caller's own (an auditor's: all). */
    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "Export stored results as CSV or JSON (format=csv|json), with the listing's filters",
            description = "CSV columns: id, createdAt, model, modelVersion, score, label, proof, onchain, inputSha256. JSON: an array"
                    + " of results as GET /v1/inferences/{id} shows them. Streamed a page at a time, so any number of results.")
    public Response export(@QueryParam("format") @Parameter(schema = @Schema(enumeration = {"csv", "json"})) String format,
            @QueryParam("model") String model, @QueryParam("label") String label, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("proofStatus") String proofStatus, @QueryParam("onchainStatus") String onchainStatus) {
        boolean csv = format == null || format.equals("csv");
        if (!csv && !format.equals("json")) {
            throw VeriscoreException.invalidRequest("'format' must be csv or json");
        }
        Filter filter = filter(model, label, from, to, proofStatus, onchainStatus);
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(csv ? "id,createdAt,model,modelVersion,score,label,proof,onchain,inputSha256\n" : "[");
            boolean[] first = {true};
            service.forEachPage(filter, EXPORT_PAGE, records -> {
                for (InferenceView view : views(records)) {
                    writeRow(writer, csv, first[0], view);
                    first[0] = false;
                }
            });
            writer.write(csv ? "" : "]");
            writer.flush();
        };
        return Response.ok(body, csv ? "text/csv; charset=utf-8" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"veriscore-results." + (csv ? "csv" : "json") + "\"").build();
    }

    private static final int EXPORT_PAGE = 1_000;

    private void writeRow(Writer writer, boolean csv, boolean first, InferenceView view) {
        try {
            if (!csv) {
                writer.write((first ? "" : ",") + mapper.writeValueAsString(view));
                return;
            }
            writer.write(String.join(",", view.id().toString(), view.createdAt().toString(), view.model().id(), view.model().version(),
                    Double.toString(view.score()), csvText(view.label()), view.proof() == null ? "none" : view.proof().status().json(),
                    view.onchain() == null ? "none" : view.onchain().status(), view.inputSha256()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A label as one CSV field: quoted when it holds a comma, a quote or a line break. */
    private static String csvText(String text) {
        return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** Stored results as the API shows them, each with where its proof and its recording on-chain stand. */
    private List<InferenceView> views(List<InferenceRecord> records) {
        return InferenceView.of(records, proofs.summaries(records), onchain.summaries(records));
    }

    private Filter filter(String model, String label, String from, String to, String proofStatus, String onchainStatus) {
        Caller who = caller.get();
        Optional<String> client = who.role() == Role.AUDITOR ? Optional.empty() : Optional.of(who.name());
        return new Filter(client, Optional.ofNullable(model), Optional.ofNullable(label), Listings.instant("from", from),
                Listings.instant("to", to), Stream.concat(Optional.ofNullable(proofStatus).map(proofs::proofCondition).stream(),
                        Optional.ofNullable(onchainStatus).map(onchain::onchainCondition).stream()).toList());
    }

    private Command command(InferenceRequest request, String idempotencyKey) {
        if (request.input() != null) {
            JsonValues.requireStorable("/input", request.input());
        }
        if (request.recording() != null) {
            JsonValues.requireStorable("/recording", request.recording());
        }
        for (int i = 0; request.inputs() != null && i < request.inputs().size(); i++) {
            if (request.inputs().get(i) != null) {
                JsonValues.requireStorable("/inputs/" + i, request.inputs().get(i));
            }
        }
        boolean prove = Boolean.TRUE.equals(request.prove());
        if (request.image() != null) {
            return new Command(caller.get(), request.model(), new Payload.Image(Images.of(request.image(), request.capturedAt())),
                    prove, CanonicalValues.sha256(mapper, request), Optional.ofNullable(idempotencyKey));
        }
        if (request.recording() != null) {
            if (!request.recording().isObject()) {
                throw VeriscoreException.invalidRequest("'recording' must be a JSON object: {\"channels\": {...}}");
            }
            return new Command(caller.get(), request.model(), new Payload.Recording(request.recording()), prove,
                    CanonicalValues.sha256(mapper, request), Optional.ofNullable(idempotencyKey));
        }
        boolean batch = request.inputs() != null;
        List<JsonNode> inputs = batch ? request.inputs() : List.of(request.input());
        service.requireOneRequest(inputs.size(), "a batch holds at most %2$d inputs; this one has %1$d");
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null || !inputs.get(i).isObject()) {
                throw VeriscoreException.invalidRequest((batch ? "'inputs[" + i + "]'" : "'input'") + " must be a JSON object");
            }
        }
        return new Command(caller.get(), request.model(), new Payload.Features(inputs, batch), prove,
                CanonicalValues.sha256(mapper, request), Optional.ofNullable(idempotencyKey));
    }
}

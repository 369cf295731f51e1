package io.veriscore.app.session;

import io.veriscore.app.auth.CurrentCaller;
import io.veriscore.app.auth.Role;
import io.veriscore.app.face.Images;
import io.veriscore.app.web.Listings;
import io.veriscore.app.web.Problem;
import io.veriscore.app.web.QueryValues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Face sessions", description = "Stream frames of one face; get per-frame readings and session aggregates")
@RolesAllowed({Role.CLIENT_ROLE, Role.AUDITOR_ROLE})
public class SessionResource {

    private static final int DEFAULT_FRAMES = 100;
    private static final int MAX_FRAMES = 500;
    private static final int DEFAULT_SESSIONS = 50;
    private static final int MAX_SESSIONS = 500;

    private final SessionService sessions;
    private final SessionSummaries summaries;
    private final CurrentCaller caller;

    SessionResource(SessionService sessions, SessionSummaries summaries, CurrentCaller caller) {
        this.sessions = sessions;
        this.summaries = summaries;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Open a face session")
    @APIResponse(responseCode = "201", description = "The session, to post frames to",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class)))
    @RolesAllowed(Role.CLIENT_ROLE)
    public Response open() {
        FaceSession session = sessions.open(caller.get());
        return Response.created(URI.create("/v1/sessions/" + session.id)).entity(SessionView.of(session, null)).build();
    }

    @GET
    @Operation(summary = "Sessions, newest first, each with its aggregates (stress and focus included), paginated with a cursor",
            description = "A client's own sessions; an auditor's: every client's.")
    public SessionView.Page list(@QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String limit,
            @QueryParam("cursor") String cursor) {
        int size = Listings.pageSize(limit, DEFAULT_SESSIONS, MAX_SESSIONS);
        List<SessionView> found = sessions.list(caller.get(), Optional.ofNullable(cursor).map(Listings::decode), size + 1);
        List<SessionView> page = found.subList(0, Math.min(size, found.size()));
        return new SessionView.Page(page, found.size() > size
                ? Listings.encode(new Listings.Position(page.getLast().createdAt(), page.getLast().id())) : null);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A session and its aggregates so far")
    public SessionView get(@PathParam("id") UUID id) {
        FaceSession session = sessions.get(id, caller.get());
        return SessionView.of(session, sessions.aggregates(session));
    }

    /** A page of stored frames: {@code frames} in order and {@code nextAfter}, null on the last page. */
    public record FramePage(List<FrameView> frames, @Schema(nullable = true) Integer nextAfter) {}

    @GET
    @Path("{id}/frames")
    @Operation(summary = "The session's stored frames, in order: after=SEQ (default 0), limit (1-500, default 100)")
    @APIResponse(responseCode = "200", description = "A page of frames; pass after=nextAfter for the next one")
    @APIResponse(responseCode = "400", description = "A malformed parameter", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such session", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public FramePage frames(@PathParam("id") UUID id,
            @QueryParam("after") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) String after,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) String limit) {
        FaceSession session = sessions.get(id, caller.get());
        int from = QueryValues.whole("after", after, 0, Integer.MAX_VALUE).orElse(0);
        int size = QueryValues.whole("limit", limit, 1, MAX_FRAMES).orElse(DEFAULT_FRAMES);
        List<FrameView> frames = sessions.frames(session, from, size).stream().map(FrameView::of).toList();
        return new FramePage(frames, frames.size() < size ? null : frames.get(frames.size() - 1).seq());
    }

    @POST
    @Path("{id}/frames")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a frame: {image, capturedAt}; answers with the frame's readings and the session's aggregates",
            description = "The frame is scanned once and read by stress-mlp and fer; it is stored before the answer."
                    + " Aggregates: blink rate over the last 30 s, PERCLOS over the last 60 frames, yawns, stress EMA,"
                    + " trend and spikes, emotion shares (thresholds: veriscore.session.*).")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FrameView.class)))
    @APIResponse(responseCode = "422", description = "No usable face in the frame; errors[0].detail names why",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Role.CLIENT_ROLE)
    public Response addFrame(@PathParam("id") UUID id, @Valid @NotNull(message = FRAME) FrameRequest request) {
        FaceSession session = sessions.get(id, caller.get());
        SessionService.FrameResult result = sessions.addFrame(session, Images.of(request.image(), request.capturedAt()));
        return Response.status(Response.Status.CREATED).entity(FrameView.of(result)).build();
    }

    @POST
    @Path("{id}/wearable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a wearable window: {input | recording, capturedAt}; answers with its reading and the fused stress",
            description = "The window (one 60 s window at 35 Hz as the biosignal model takes it, or a recording whose last"
                    + " window is scored) is stored as the session's latest; aggregates.fused then weighs the face's stress,"
                    + " its negative affect and this window's stress (veriscore.session.fusion.*).")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WearableView.class)))
    @APIResponse(responseCode = "422", description = "The window does not match the model's input",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Role.CLIENT_ROLE)
    public Response addWearable(@PathParam("id") UUID id, @Valid @NotNull(message = WEARABLE) WearableRequest request) {
        FaceSession session = sessions.get(id, caller.get());
        OffsetDateTime capturedAt = request.capturedAt() == null ? OffsetDateTime.now() : Images.time(request.capturedAt());
        SessionService.WearableResult result = sessions.addWearable(session, request.input(), request.recording(), capturedAt);
        return Response.status(Response.Status.CREATED).entity(WearableView.of(result)).build();
    }

    /** A wearable window of a session: one of input and recording. */
    public record WearableRequest(
            @Schema(type = SchemaType.OBJECT, description = "one window, as model biosignal's input") JsonNode input,
            @Schema(type = SchemaType.OBJECT, description = "a recording, as model biosignal's: its last window is scored") JsonNode recording,
            String capturedAt) {}

    static final String WEARABLE = "a wearable window is {\"input\": {...} or \"recording\": {...}, \"capturedAt\": RFC 3339 time}";

    @POST
    @Path("{id}/summary")
    @Operation(summary = "Finish the session: its summary, signed into the transparency log; ?prove=true: its frames proven",
            description = "The summary holds the frames, duration and aggregates (focus and fused stress included). With"
                    + " prove=true, up to 16 frames (all, or sampled evenly: the rule is in the summary) become results of"
                    + " the stress model proven in one batch proof, and the summary names them with their mean stress. The"
                    + " session takes no frame afterwards. A second request answers the first summary (200).")
    @APIResponse(responseCode = "201", description = "Summarised now",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SummaryView.class)))
    @APIResponse(responseCode = "200", description = "Summarised before",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SummaryView.class)))
    @APIResponse(responseCode = "409", description = "No frame yet", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Role.CLIENT_ROLE)
    public Response summarise(@PathParam("id") UUID id,
            @QueryParam("prove") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String prove) {
        FaceSession session = sessions.get(id, caller.get());
        SessionSummaries.Summarised done = summaries.summarise(session, caller.get(), QueryValues.flag("prove", prove));
        return Response.status(done.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/v1/sessions/" + id + "/summary")).entity(SummaryView.of(done.summary())).build();
    }

    @GET
    @Path("{id}/summary")
    @Operation(summary = "The session's signed summary")
    @APIResponse(responseCode = "404", description = "No such session, or not summarised", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SummaryView summary(@PathParam("id") UUID id) {
        FaceSession session = sessions.get(id, caller.get());
        return summaries.find(session).map(SummaryView::of)
                .orElseThrow(() -> io.veriscore.app.error.VeriscoreException.notFound("session " + id + " has no summary yet"));
    }

    /** One frame of a session. */
    public record FrameRequest(@NotNull(message = FRAME) String image, String capturedAt) {}

    static final String FRAME = "a frame is {\"image\": base64 JPEG or PNG, \"capturedAt\": RFC 3339 time}";
}

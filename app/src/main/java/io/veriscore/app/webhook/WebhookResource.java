package io.veriscore.app.webhook;

import io.veriscore.app.auth.CurrentCaller;
import io.veriscore.app.auth.Role;
import io.veriscore.app.web.Problem;
import io.veriscore.app.web.QueryValues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Be told when a proof or an on-chain submission of one of your results ends")
@RolesAllowed(Role.CLIENT_ROLE)
public class WebhookResource {

    private static final int DEFAULT_DELIVERIES = 50;
    private static final int MAX_DELIVERIES = 500;

    private final WebhookService webhooks;
    private final CurrentCaller caller;

    WebhookResource(WebhookService webhooks, CurrentCaller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a URL for events: proof.proven, proof.failed, onchain.mined, onchain.reverted, onchain.failed",
            description = "Each event is POSTed as JSON {id, type, createdAt, result, href, logEntryId, record}, record being the"
                    + " signed transparency-log record of the event; an on-chain submission's steps on the way (onchain.waiting,"
                    + " onchain.pending, onchain.proving, onchain.sent, onchain.retrying) carry step {status, attempt, reason,"
                    + " txHash} instead, unsigned. With the headers Veriscore-Event-Id, Veriscore-Event-Type and"
                    + " Veriscore-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" under the secret>."
                    + " The secret is shown in this answer only. Delivery is at least once: deduplicate by the event id."
                    + " A 2xx answer delivers; anything else is retried with backoff.")
    @APIResponse(responseCode = "201", description = "Registered; the answer holds the secret",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Malformed request", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "A URL that is refused, or too many webhooks",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response register(@Valid @NotNull(message = "the body must be a JSON object: {\"url\": ...}") WebhookView.Request request) {
        WebhookView view = WebhookView.of(webhooks.register(caller.get(), request.url()), true);
        return Response.created(URI.create("/v1/webhooks/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "Your webhooks")
    public WebhookView.Listing list() {
        return new WebhookView.Listing(webhooks.list(caller.get()).stream().map(w -> WebhookView.of(w, false)).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of your webhooks")
    @APIResponse(responseCode = "200", description = "The webhook")
    @APIResponse(responseCode = "404", description = "No such webhook of yours", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WebhookView get(@PathParam("id") UUID id) {
        return WebhookView.of(webhooks.get(caller.get(), id), false);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Stop sending events to a webhook; its pending deliveries are dropped")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such webhook of yours", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response delete(@PathParam("id") UUID id) {
        webhooks.delete(caller.get(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "A webhook's latest deliveries, newest first: pending, delivered or failed, with the last attempt's outcome")
    @APIResponse(responseCode = "200", description = "The deliveries")
    @APIResponse(responseCode = "404", description = "No such webhook of yours", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WebhookView.Deliveries deliveries(@PathParam("id") UUID id,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) String limit) {
        int size = QueryValues.whole("limit", limit, 1, MAX_DELIVERIES).orElse(DEFAULT_DELIVERIES);
        return new WebhookView.Deliveries(webhooks.deliveries(caller.get(), id, size).stream().map(WebhookView.Delivery::of).toList());
    }
}

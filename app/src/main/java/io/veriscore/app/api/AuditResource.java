package io.veriscore.app.api;

import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.log.AuditService;
import io.veriscore.app.signing.ServiceKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The transparency log for auditors: keys, signed tree heads, inclusion and consistency proofs, records, checks. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Signed records in an append-only Merkle log (RFC 9162)")
public class AuditResource {

    private final AuditService audit;
    private final ServiceKeys keys;

    AuditResource(AuditService audit, ServiceKeys keys) {
        this.audit = audit;
        this.keys = keys;
    }

    @GET
    @Path("keys")
    @Operation(summary = "Every public key that has signed for this service (JWK, Ed25519), the current one marked")
    public AuditViews.KeySet keys() {
        String current = keys.current().keyId();
        return new AuditViews.KeySet(keys.published().stream().map(key -> AuditViews.Jwk.of(key, current)).toList());
    }

    @GET
    @Path("audit/tree-head")
    @Operation(summary = "The latest signed tree head, or the one of size treeSize")
    public AuditViews.TreeHead treeHead(@QueryParam("treeSize") Long treeSize) {
        return AuditViews.TreeHead.of(treeSize == null ? audit.latestHead() : audit.head(treeSize)
                .orElseThrow(() -> VeriscoreException.notFound("no signed tree head of size " + treeSize)));
    }

    @GET
    @Path("audit/inclusion")
    @Operation(summary = "Proof that a log entry is in the tree of treeSize leaves (default: the latest tree head)")
    public AuditViews.Inclusion inclusion(@QueryParam("id") String id, @QueryParam("treeSize") Long treeSize) {
        return AuditViews.Inclusion.of(audit.inclusion(uuid("id", id), Optional.ofNullable(treeSize)));
    }

    @GET
    @Path("audit/consistency")
    @Operation(summary = "Proof that the tree of 'to' leaves extends the tree of 'from' leaves")
    public AuditViews.Consistency consistency(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        if (from == null || to == null) {
            throw VeriscoreException.invalidRequest("'from' and 'to' (tree sizes with signed tree heads) are required");
        }
        return AuditViews.Consistency.of(from, to, audit.consistency(from, to));
    }

    @GET
    @Path("audit/records/{inferenceId}")
    @Operation(summary = "The signed records about one result: the result itself and the outcome of its proof")
    public AuditViews.Records records(@PathParam("inferenceId") String inferenceId) {
        UUID id = uuid("inferenceId", inferenceId);
        var entries = audit.entries(id);
        if (entries.isEmpty()) {
            throw VeriscoreException.notFound("no log records about inference " + id);
        }
        return new AuditViews.Records(id, entries.stream().map(AuditViews.Entry::of).toList());
    }

    @GET
    @Path("audit/export")
    @Produces("application/jsonl")
    @Operation(summary = "The log up to its latest signed tree head as JSON Lines, for the offline auditor",
            description = "Lines of type key, entry (with the signed body and the record its rows call for now) and tree-head."
                    + " With proofs=true, proven entries carry their EZKL proof file.")
    public Response export(@QueryParam("proofs") boolean proofs) {
        audit.latestHead(); // 503 before the first tree head, rather than a broken stream
        StreamingOutput body = out -> audit.export(out, proofs);
        return Response.ok(body, "application/jsonl").header("Content-Disposition", "attachment; filename=\"veriscore-log.jsonl\"").build();
    }

    @POST
    @Path("audit/verify")
    @Operation(summary = "Re-check the whole log and the stored rows against it; every discrepancy names its record")
    public AuditViews.Report verify() {
        return AuditViews.Report.of(audit.verify());
    }

    private static UUID uuid(String name, String value) {
        if (value == null) {
            throw VeriscoreException.invalidRequest("'" + name + "' is required");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw VeriscoreException.invalidRequest("'" + name + "' must be a UUID");
        }
    }
}

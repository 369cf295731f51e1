package io.veriscore.app.api;

import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.inference.InferenceService;
import io.veriscore.app.persistence.InferenceRepository.Filter;
import io.veriscore.app.persistence.InferenceRepository.ProofFilter;
import io.veriscore.app.proof.ProofService;
import io.veriscore.app.proof.ProofStatus;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The transparency log for auditors: keys, signed tree heads, inclusion and consistency proofs, records, checks. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Signed records in an append-only Merkle log (RFC 9162)")
public class AuditResource {

    /** Each re-verified proof costs about 0.1 s. */
    private static final int MAX_PROOF_SAMPLE = 1000;

    private final AuditService audit;
    private final ServiceKeys keys;
    private final InferenceService inferences;
    private final ProofService proofs;
    private final VeriscoreConfig config;

    AuditResource(AuditService audit, ServiceKeys keys, InferenceService inferences, ProofService proofs, VeriscoreConfig config) {
        this.audit = audit;
        this.keys = keys;
        this.inferences = inferences;
        this.proofs = proofs;
        this.config = config;
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

    /** Every stored result with its signed records, newest first, filtered by time [from, to), model, label, proof status. */
    @GET
    @Path("audit/records")
    @Operation(summary = "Stored results of every client with their signed records, filtered and paginated",
            description = "proofStatus: none, queued, proving, proven or failed.")
    public AuditViews.AuditedPage records(@QueryParam("model") String model, @QueryParam("label") String label,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("proofStatus") String proofStatus,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Filter filter = new Filter(Optional.empty(), Optional.ofNullable(model), Optional.ofNullable(label),
                Listings.instant("from", from), Listings.instant("to", to), proofFilter(proofStatus));
        InferenceService.Page page = inferences.list(filter, Optional.ofNullable(cursor).map(Listings::decode),
                Listings.pageSize(limit, config.inference()));
        Map<UUID, ProofStatus> statuses = proofs.statuses(page.records());
        List<AuditViews.Audited> items = page.records().stream().map(record -> new AuditViews.Audited(
                InferenceView.of(record, statuses.get(record.id)),
                audit.entries(record.id).stream().map(AuditViews.Entry::of).toList())).toList();
        return new AuditViews.AuditedPage(items, page.next().map(Listings::encode).orElse(null));
    }

    private static Optional<ProofFilter> proofFilter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProofFilter.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw VeriscoreException.invalidRequest("'proofStatus' must be one of none, queued, proving, proven, failed");
        }
    }

    @GET
    @Path("audit/records/{inferenceId}")
    @Operation(summary = "The signed records about one result (the result, the outcome of its proof), each with its"
            + " signature and, once in the tree, its inclusion proof in the latest signed tree head")
    public AuditViews.Records records(@PathParam("inferenceId") String inferenceId) {
        UUID id = uuid("inferenceId", inferenceId);
        var entries = audit.entries(id);
        if (entries.isEmpty()) {
            throw VeriscoreException.notFound("no log records about inference " + id);
        }
        return new AuditViews.Records(id, entries.stream().map(entry -> AuditViews.Entry.of(entry, entry.leafIndex().isEmpty()
                ? null : AuditViews.Inclusion.of(audit.inclusion(entry.entry().id, Optional.empty())))).toList());
    }

    @GET
    @Path("audit/export")
    @Produces("application/jsonl")
    @Operation(summary = "The log up to its latest signed tree head as JSON Lines, for the offline auditor",
            description = "Lines of type key, entry (with the signed body and the record its rows call for now) and tree-head."
                    + " With proofs=true, proven entries carry their EZKL proof file. With from and/or to (ISO-8601), only"
                    + " the entries made in [from, to), each with its inclusion proof in the latest tree head.")
    public Response export(@QueryParam("proofs") boolean proofs, @QueryParam("from") String from, @QueryParam("to") String to) {
        AuditService.TimeRange range = new AuditService.TimeRange(Listings.instant("from", from), Listings.instant("to", to));
        audit.latestHead(); // 503 before the first tree head, rather than a broken stream
        StreamingOutput body = out -> audit.export(out, proofs, range);
        return Response.ok(body, "application/jsonl").header("Content-Disposition", "attachment; filename=\"veriscore-log.jsonl\"").build();
    }

    @POST
    @Path("audit/verify")
    @Operation(summary = "Re-check the whole log and the stored rows against it; every discrepancy names its record",
            description = "proofSample=N also re-verifies N stored proofs, picked at random, with EZKL.")
    public AuditViews.Report verify(@QueryParam("proofSample") Integer proofSample) {
        int sample = proofSample == null ? 0 : proofSample;
        if (sample < 0 || sample > MAX_PROOF_SAMPLE) {
            throw VeriscoreException.invalidRequest("'proofSample' must be between 0 and " + MAX_PROOF_SAMPLE);
        }
        ProofService.Recheck proofsChecked = proofs.recheck(sample);
        return AuditViews.Report.of(audit.verify(), proofsChecked);
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

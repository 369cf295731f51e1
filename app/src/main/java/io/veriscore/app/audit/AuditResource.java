package io.veriscore.app.audit;

import io.veriscore.app.auth.Role;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.inference.InferenceConfig;
import io.veriscore.app.inference.InferenceRepository.Filter;
import io.veriscore.app.inference.InferenceService;
import io.veriscore.app.inference.InferenceView;
import io.veriscore.app.inference.OnchainSummary;
import io.veriscore.app.inference.ProofSummary;
import io.veriscore.app.inference.ResultOnchain;
import io.veriscore.app.log.LogExport;
import io.veriscore.app.log.LogQueries;
import io.veriscore.app.log.LogReverification;
import io.veriscore.app.log.TreeHeadAnchors;
import io.veriscore.app.proof.ProofChecks;
import io.veriscore.app.proof.ProofService;
import io.veriscore.app.signing.ServiceKeys;
import io.veriscore.app.web.Listings;
import io.veriscore.app.web.Problem;
import io.veriscore.app.web.QueryValues;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The transparency log for auditors: keys, signed tree heads, inclusion and consistency proofs, records, checks. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Signed records in an append-only Merkle log (RFC 9162)")
@RolesAllowed(Role.AUDITOR_ROLE)
public class AuditResource {

    /** Each re-verified proof costs about 0.1 s. */
    private static final int MAX_PROOF_SAMPLE = 1000;

    private final LogQueries audit;
    private final LogExport export;
    private final LogReverification reverification;
    private final ServiceKeys keys;
    private final InferenceService inferences;
    private final ProofService proofs;
    private final ResultOnchain onchain;
    private final ProofChecks checks;
    private final InferenceConfig inferenceConfig;
    private final Instance<TreeHeadAnchors> anchors;

    AuditResource(LogQueries audit, LogExport export, LogReverification reverification, ServiceKeys keys,
            InferenceService inferences, ProofService proofs, ResultOnchain onchain, ProofChecks checks, InferenceConfig inferenceConfig,
            Instance<TreeHeadAnchors> anchors) {
        this.onchain = onchain;
        this.anchors = anchors;
        this.audit = audit;
        this.export = export;
        this.reverification = reverification;
        this.keys = keys;
        this.inferences = inferences;
        this.proofs = proofs;
        this.checks = checks;
        this.inferenceConfig = inferenceConfig;
    }

    @GET
    @Path("keys")
    @Operation(summary = "Every public key that has signed for this service (JWK, Ed25519), the current one marked")
    @PermitAll
    public AuditViews.KeySet keys() {
        String current = keys.current().keyId();
        return new AuditViews.KeySet(keys.published().stream().map(key -> AuditViews.Jwk.of(key, current)).toList());
    }

    @GET
    @Path("audit/tree-head")
    @Operation(summary = "The latest signed tree head, or the one of size treeSize")
    @APIResponse(responseCode = "200", description = "Found")
    @APIResponse(responseCode = "404", description = "No such entry, or no signed tree head of that size",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public AuditViews.TreeHead treeHead(@QueryParam("treeSize") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
            minimum = "0")) String treeSizeParam) {
        Optional<Long> treeSize = QueryValues.whole("treeSize", treeSizeParam, 0L, Long.MAX_VALUE);
        return AuditViews.TreeHead.of(treeSize.isEmpty() ? audit.latestHead() : audit.head(treeSize.get())
                .orElseThrow(() -> VeriscoreException.notFound("no signed tree head of size " + treeSize.get())));
    }

    @GET
    @Path("audit/inclusion")
    @Operation(summary = "Proof that a log entry is in the tree of treeSize leaves (default: the latest tree head)")
    @APIResponse(responseCode = "200", description = "Found")
    @APIResponse(responseCode = "404", description = "No such entry, or no signed tree head of that size",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public AuditViews.Inclusion inclusion(@QueryParam("id") String id, @QueryParam("treeSize") @Parameter(schema = @Schema(
            type = SchemaType.INTEGER, minimum = "1")) String treeSize) {
        return AuditViews.Inclusion.of(audit.inclusion(uuid("id", id), QueryValues.whole("treeSize", treeSize, 1L, Long.MAX_VALUE)));
    }

    @GET
    @Path("audit/consistency")
    @Operation(summary = "Proof that the tree of 'to' leaves extends the tree of 'from' leaves")
    @APIResponse(responseCode = "200", description = "Found")
    @APIResponse(responseCode = "404", description = "No such entry, or no signed tree head of that size",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public AuditViews.Consistency consistency(
            @QueryParam("from") @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) String fromParam,
            @QueryParam("to") @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) String toParam) {
        Optional<Long> from = QueryValues.whole("from", fromParam, 0L, Long.MAX_VALUE);
        Optional<Long> to = QueryValues.whole("to", toParam, 0L, Long.MAX_VALUE);
        if (from.isEmpty() || to.isEmpty()) {
            throw VeriscoreException.invalidRequest("'from' and 'to' (tree sizes with signed tree heads) are required");
        }
        return AuditViews.Consistency.of(from.get(), to.get(), audit.consistency(from.get(), to.get()));
    }

    /** Every stored result with its signed records, newest first, filtered by time [from, to), model, label, proof status. */
    @GET
    @Path("audit/records")
    @Operation(summary = "Stored results of every client with their signed records, filtered and paginated",
            description = "proofStatus: none, queued, proving, proven or failed.")
    public AuditViews.AuditedPage records(@QueryParam("model") String model, @QueryParam("label") String label,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("proofStatus") String proofStatus,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String limit,
            @QueryParam("cursor") String cursor) {
        Filter filter = new Filter(Optional.empty(), Optional.ofNullable(model), Optional.ofNullable(label),
                Listings.instant("from", from), Listings.instant("to", to), Optional.ofNullable(proofStatus).map(proofs::proofCondition).stream().toList());
        InferenceService.Page page = inferences.list(filter, Optional.ofNullable(cursor).map(Listings::decode),
                Listings.pageSize(limit, inferenceConfig.defaultPageSize(), inferenceConfig.maxPageSize()));
        Map<UUID, ProofSummary> proofsOf = proofs.summaries(page.records());
        Map<UUID, OnchainSummary> onchainOf = onchain.summaries(page.records());
        List<AuditViews.Audited> items = page.records().stream().map(record -> new AuditViews.Audited(
                InferenceView.of(record, proofsOf.get(record.id), onchainOf.get(record.id)),
                audit.entries(record.id).stream().map(AuditViews.Entry::of).toList())).toList();
        return new AuditViews.AuditedPage(items, page.next().map(Listings::encode).orElse(null));
    }

    @GET
    @Path("audit/records/{inferenceId}")
    @Operation(summary = "The signed records about one result (the result, the outcome of its proof), each with its"
            + " signature and, once in the tree, its inclusion proof in the latest signed tree head; and the latest tree"
            + " head anchored on-chain, with proof that the latest signed tree extends it")
    public AuditViews.Records records(@PathParam("inferenceId") String inferenceId) {
        UUID id = uuid("inferenceId", inferenceId);
        var entries = audit.entries(id);
        if (entries.isEmpty()) {
            throw VeriscoreException.notFound("no log records about inference " + id);
        }
        Optional<Long> size = audit.latestHeadIfAny().map(head -> head.treeSize);
        AuditViews.AnchoredHead anchored = size.flatMap(latest -> anchored(latest)).orElse(null);
        return new AuditViews.Records(id, entries.stream().map(entry -> AuditViews.Entry.of(entry, entry.leafIndex().isEmpty()
                || size.isEmpty() || entry.leafIndex().get() >= size.get() ? null
                : AuditViews.Inclusion.of(audit.inclusion(entry.entry().id, size)))).toList(), anchored);
    }

    private Optional<AuditViews.AnchoredHead> anchored(long latest) {
        return (anchors.isResolvable() ? anchors.get().latest() : Optional.<TreeHeadAnchors.Anchor>empty())
                .filter(anchor -> anchor.treeSize() <= latest)
                .map(anchor -> AuditViews.AnchoredHead.of(anchor, AuditViews.Consistency.of(anchor.treeSize(), latest,
                        audit.consistency(anchor.treeSize(), latest))));
    }

    @GET
    @Path("audit/export")
    @Produces("application/jsonl")
    @Operation(summary = "The log up to its latest signed tree head as JSON Lines, for the offline auditor",
            description = "Lines of type key, entry (with the signed body and the record its rows call for now) and tree-head."
                    + " With proofs=true, proven entries carry their EZKL proof file. With from and/or to (ISO-8601), only"
                    + " the entries made in [from, to), each with its inclusion proof in the latest tree head.")
    public Response export(@QueryParam("proofs") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String proofsParam,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        boolean proofs = QueryValues.flag("proofs", proofsParam);
        LogExport.TimeRange range = new LogExport.TimeRange(Listings.instant("from", from), Listings.instant("to", to));
        audit.latestHead(); // 503 before the first tree head, rather than a broken stream
        StreamingOutput body = out -> export.export(out, proofs, range);
        return Response.ok(body, "application/jsonl").header("Content-Disposition", "attachment; filename=\"veriscore-log.jsonl\"").build();
    }

    @POST
    @Path("audit/verify")
    @Operation(summary = "Re-check the whole log and the stored rows against it; every discrepancy names its record",
            description = "proofSample=N also re-verifies N stored proofs, picked at random, with EZKL.")
    public AuditViews.Report verify(@QueryParam("proofSample") @Parameter(schema = @Schema(type = SchemaType.INTEGER,
            minimum = "0", maximum = "" + MAX_PROOF_SAMPLE)) String proofSample) {
        int sample = QueryValues.whole("proofSample", proofSample, 0, MAX_PROOF_SAMPLE).orElse(0);
        ProofChecks.Recheck proofsChecked = checks.recheck(sample);
        return AuditViews.Report.of(reverification.verify(), proofsChecked);
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

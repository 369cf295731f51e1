package io.veriscore.app.proof;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.inference.InferenceRepository;
import io.veriscore.app.inference.ProofSummary;
import io.veriscore.app.inference.ResultProofs;
import io.veriscore.app.jobs.Jobs;
import io.veriscore.app.model.LoadedModel;
import io.veriscore.app.model.ModelRegistry;
import io.veriscore.app.model.ProvableRanges;
import io.veriscore.spi.ProvableModel;
import io.veriscore.zk.CircuitSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Asking for proofs of results, and reading their status and the proofs themselves. */
@ApplicationScoped
public class ProofService implements ResultProofs {

    /** A proof request's status, with the proof once it is made. */
    public record Tracked(ProofStatus status, Optional<ProofRecord> proof) {}

    private final ProofEngine engine;
    private final Jobs jobs;
    private final ProofRepository proofs;
    private final ModelRegistry models;

    private final int maxQueuedPerClient;

    ProofService(ProofEngine engine, Jobs jobs, ProofRepository proofs, ModelRegistry models, ProverConfig config) {
        this.maxQueuedPerClient = config.maxQueuedPerClient();
        this.engine = engine;
        this.jobs = jobs;
        this.proofs = proofs;
        this.models = models;
    }

    @Override
    public void checkProvable(LoadedModel model) {
        if (!model.provable()) {
            throw VeriscoreException.unprocessable("model " + model.descriptor().id() + " cannot be proven; provable models: "
                    + models.all().stream().filter(LoadedModel::provable).map(m -> m.descriptor().id()).toList(),
                    List.of(new VeriscoreException.FieldError("/prove", "not available for this model")));
        }
        engine.requireAvailable();
    }

    @Override
    public void checkRequest(String client, LoadedModel model, List<Map<String, Object>> inputs,
            java.util.function.BiFunction<Integer, String, String> pointer) {
        checkQueue(client, inputs.size());
        checkInputs(model, inputs, pointer);
    }

    /** Refuses (422) inputs that the model's circuit cannot prove. */
    private static void checkInputs(LoadedModel model, List<Map<String, Object>> inputs,
            java.util.function.BiFunction<Integer, String, String> pointer) {
        ProvableModel provable = (ProvableModel) model.plugin();
        ProvableRanges ranges = model.provableRanges().orElseThrow();
        List<VeriscoreException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int input = i;
            errors.addAll(ranges.outside(provable.modelInput(inputs.get(i)), name -> pointer.apply(input, name)));
        }
        if (!errors.isEmpty()) {
            throw ProvableRanges.refusal(model.descriptor().id(), errors);
        }
    }

    /**
     * Records proof requests for freshly stored results and schedules their jobs, in the caller's transaction. The
     * results of a batch request are proven in batches of up to {@link CircuitSettings#BATCH_ROWS}, one proof each, in
     * the request's order; a lone result left over gets a proof of its own.
     */
    @Override
    public void request(List<InferenceRecord> results, boolean batch) {
        int queued = proofs.queuedOf(results.getFirst().client);
        for (InferenceRecord result : results) {
            proofs.request(result.id, result.createdAt);
        }
        if (!batch) {
            for (int i = 0; i < results.size(); i++) {
                jobs.schedule(ProofJobs.PROVE, results.get(i).id, queued + i);
            }
            return;
        }
        for (int from = 0; from < results.size(); from += CircuitSettings.BATCH_ROWS) {
            List<InferenceRecord> chunk = results.subList(from, Math.min(results.size(), from + CircuitSettings.BATCH_ROWS));
            if (chunk.size() == 1) {
                jobs.schedule(ProofJobs.PROVE, chunk.get(0).id, queued + from);
                continue;
            }
            UUID batchId = UUID.randomUUID();
            for (int row = 0; row < chunk.size(); row++) {
                proofs.join(batchId, row, chunk.get(row).id);
            }
            jobs.schedule(ProofJobs.PROVE_BATCH, batchId, queued + from);
        }
    }

    /**
     * Refuses (429) more proofs from a client that has {@code veriscore.prover.max-queued-per-client} queued: one client's
     * backlog is bounded, whatever it sends.
     */
    public void checkQueue(String client, int more) {
        int queued = QuarkusTransaction.requiringNew().call(() -> proofs.queuedOf(client));
        if (queued + more > maxQueuedPerClient) {
            throw VeriscoreException.tooManyRequests("this key has " + queued + " proofs queued, and at most " + maxQueuedPerClient
                    + " may be: ask for more once they are made (GET /v1/inferences/{id}/events tells when)", 30);
        }
    }

    /**
     * Asks for the proof of a result stored without one. Asking again, or for a result whose proof was asked for when it
     * was stored, changes nothing (the answer is the proof's status either way), unless its proof failed: then it is
     * queued again, with its whole batch for a result proven in one.
     */
    public ProofStatus requestLater(InferenceRecord result) {
        LoadedModel model = models.get(result.modelId);
        checkProvable(model);
        if (QuarkusTransaction.requiringNew().call(() -> proofs.proof(result.id)).isEmpty()) {
            checkInputs(model, List.of(result.input), (i, name) -> "/input/" + name); // the stored result's input
        }
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            int queued = proofs.queuedOf(result.client);
            boolean first = proofs.requestOnce(result.id, Instant.now().truncatedTo(ChronoUnit.MICROS));
            if (first) {
                jobs.schedule(ProofJobs.PROVE, result.id, queued);
                return true;
            }
            return proofs.proof(result.id).isEmpty() && proofs.failed(result.id) && requeue(result.id, queued);
        });
        if (recorded) {
            startRequestedJobs();
        }
        return statuses(List.of(result)).get(result.id);
    }

    /** Queues a failed proof again: its job (its batch's, for a batch member) starts afresh, with every attempt. */
    private boolean requeue(UUID inferenceId, int rank) {
        Optional<ProofBatchMember> membership = proofs.membership(inferenceId);
        List<UUID> again = membership.map(member -> proofs.members(member.batchId).stream().map(m -> m.inferenceId).toList())
                .orElse(List.of(inferenceId));
        for (UUID id : again) {
            Optional<ProofEvent> failure = proofs.failure(id);
            proofs.append(id, ProofEvent.Kind.RETRYING, failure.map(f -> f.attempt).orElse(1),
                    "asked for again after it failed: " + failure.map(f -> f.reason).orElse(""));
        }
        membership.ifPresentOrElse(member -> jobs.schedule(ProofJobs.PROVE_BATCH, member.batchId, rank), () -> jobs.schedule(ProofJobs.PROVE, inferenceId, rank));
        return true;
    }

    @Override
    public void startRequestedJobs() {
        jobs.wakeUp();
    }

    /** No query: nothing can have happened to results just stored that the request does not know. */
    @Override
    public Map<UUID, ProofSummary> fresh(Collection<InferenceRecord> results, boolean requested) {
        if (!requested) {
            return Map.of();
        }
        Map<UUID, ProofSummary> summaries = new HashMap<>();
        results.forEach(result -> summaries.put(result.id, ProofStatus.queued(result.createdAt).summary(result.id)));
        return summaries;
    }

    @Override
    public Map<UUID, ProofSummary> summaries(Collection<InferenceRecord> results) {
        Map<UUID, ProofSummary> summaries = new HashMap<>();
        statuses(results).forEach((id, status) -> summaries.put(id, status.summary(id)));
        return summaries;
    }

    /** The status of each result among {@code results} that was asked to be proven. */
    public Map<UUID, ProofStatus> statuses(Collection<InferenceRecord> results) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<UUID> ids = results.stream().map(r -> r.id).toList();
            Set<UUID> requested = proofs.requested(ids);
            Map<UUID, ProofEvent> latest = proofs.latestEvents(requested);
            Map<UUID, ProofStatus> statuses = new HashMap<>();
            for (InferenceRecord result : results) {
                if (requested.contains(result.id)) {
                    ProofEvent event = latest.get(result.id);
                    statuses.put(result.id, event == null ? ProofStatus.queued(result.createdAt) : ProofStatus.of(event));
                }
            }
            return statuses;
        });
    }

    @Override
    public InferenceRepository.Condition proofCondition(String status) {
        try {
            return ProofFilter.valueOf(status.toUpperCase(java.util.Locale.ROOT)).condition();
        } catch (IllegalArgumentException e) {
            throw VeriscoreException.invalidRequest("'proofStatus' must be one of none, queued, proving, proven, failed");
        }
    }

    /** What a client can do to have this result proven: ask (its model has a circuit), or nothing (it has none). */
    public String howToProve(InferenceRecord result) {
        return models.find(result.modelId).filter(LoadedModel::provable).isPresent() ? "ask for one with POST /v1/inferences/" + result.id + "/proof"
                : "model " + result.modelId + " cannot be proven: it has no circuit (GET /v1/models says which models are provable)";
    }

    /** The proof of a result, or its status while it is not made yet. */
    public Tracked tracked(InferenceRecord result) {
        ProofStatus status = Optional.ofNullable(statuses(List.of(result)).get(result.id)).orElseThrow(() ->
                VeriscoreException.notFound("no proof was requested for inference " + result.id + "; " + howToProve(result)));
        Optional<ProofRecord> proof = status.state() == ProofSummary.State.PROVEN
                ? QuarkusTransaction.joiningExisting().call(() -> proofs.proof(result.id)) : Optional.empty();
        return new Tracked(status, proof);
    }
}

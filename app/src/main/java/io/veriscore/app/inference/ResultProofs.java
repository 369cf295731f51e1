package io.veriscore.app.inference;

import io.veriscore.app.model.LoadedModel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The proofs of results, as scoring and showing results need them. The proof feature provides it: results know that
 * a proof can be asked for and where it stands, never how it is made.
 */
public interface ResultProofs {

    /**
     * The listing condition for results whose proof stands at {@code status} (none, queued, proving, proven, failed);
     * another value is an invalid request.
     */
    InferenceRepository.Condition proofCondition(String status);

    /** Refuses, before anything is scored, a request to prove with a model that cannot be proven (now). */
    void checkProvable(LoadedModel model);

    /**
     * Refuses, before anything is stored, inputs the model's circuit cannot take or more proofs than the client may
     * queue; {@code pointer} locates input i's column (by its name) in the request.
     */
    void checkRequest(String client, LoadedModel model, List<Map<String, Object>> inputs, BiFunction<Integer, String, String> pointer);

    /** Asks for the proofs of results just stored, in their transaction (a batch request: batch proofs). */
    void request(List<InferenceRecord> results, boolean batch);

    /** Starts the jobs just asked for without waiting for the next poll: call it once their transaction commits. */
    void startRequestedJobs();

    /** Where the proof of each result stands, for those whose proof was asked for. */
    Map<UUID, ProofSummary> summaries(Collection<InferenceRecord> results);

    /** The same for results this request just stored, with no query: queued when {@code requested}, else none. */
    Map<UUID, ProofSummary> fresh(Collection<InferenceRecord> results, boolean requested);
}

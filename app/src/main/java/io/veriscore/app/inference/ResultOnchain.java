package io.veriscore.app.inference;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Where results stand on-chain, as listing results needs it. The chain feature provides it: results know that they can
 * be recorded, never how.
 */
public interface ResultOnchain {

    /** The listed states: none (never submitted) and each state of a submission. */
    String STATES = "none, waiting, pending, proving, sent, retrying, mined, reverted or failed";

    /** The listing condition for results whose recording stands at {@code status} ({@link #STATES}); another is invalid. */
    InferenceRepository.Condition onchainCondition(String status);

    /** Where the recording of each result stands, for those ever submitted. */
    Map<UUID, OnchainSummary> summaries(Collection<InferenceRecord> results);
}

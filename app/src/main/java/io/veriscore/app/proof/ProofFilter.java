package io.veriscore.app.proof;

import io.veriscore.app.inference.InferenceRepository.Condition;
import java.util.Map;

/** Where a result's proof stands, as a listing of results filters on it. */
public enum ProofFilter {
    NONE, QUEUED, PROVING, PROVEN, FAILED;

    /** The kind of the result's latest proof event. */
    private static final String LATEST_EVENT = """
            (select e.kind from ProofEvent e where e.inferenceId = i.id
             and e.id = (select max(l.id) from ProofEvent l where l.inferenceId = i.id))""";
    private static final String REQUESTED = "exists (select 1 from ProofRequest r where r.inferenceId = i.id)";

    /** The condition on a listed result {@code i}. */
    public Condition condition() {
        return switch (this) {
            case NONE -> new Condition("not " + REQUESTED, Map.of());
            case QUEUED -> new Condition(REQUESTED + " and (" + LATEST_EVENT + " is null or " + LATEST_EVENT + " = :proofKind)",
                    Map.of("proofKind", ProofEvent.Kind.RETRYING));
            case PROVING -> new Condition(LATEST_EVENT + " = :proofKind", Map.of("proofKind", ProofEvent.Kind.STARTED));
            case PROVEN -> new Condition(LATEST_EVENT + " = :proofKind", Map.of("proofKind", ProofEvent.Kind.PROVEN));
            case FAILED -> new Condition(LATEST_EVENT + " = :proofKind", Map.of("proofKind", ProofEvent.Kind.FAILED));
        };
    }
}

package io.veriscore.app.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One stress reading from face and body: a weighted mean (late fusion) of the stress model's EMA, the emotion model's
 * negative affect EMA and the latest wearable window's stress probability. A modality that abstains (no wearable window, a window whose signal quality failed or that is older than {@code fusion.wearable-max-age}
 * before the latest frame) drops out and the others' weights are renormalised. Weights: {@code models/fusion}.
 */
final class Fusion {

    private Fusion() {}

    /** The fused reading of a session with frames; null before its first wearable window. */
    static SessionAggregates.Fused of(SessionState state, SessionConfig rules) {
        SessionConfig.Fusion weights = rules.fusion();
        List<Reading> present = new ArrayList<>();
        List<SessionAggregates.Abstained> abstained = new ArrayList<>();
        present.add(new Reading("face", state.ema, weights.faceWeight()));
        present.add(new Reading("emotion", state.negativeAffectEma, weights.emotionWeight()));
        String wearable = wearableAbstains(state, rules);
        if (wearable == null) {
            present.add(new Reading("biosignal", state.wearableStress, weights.biosignalWeight()));
        } else {
            abstained.add(new SessionAggregates.Abstained("biosignal", wearable));
        }
        double total = present.stream().mapToDouble(Reading::weight).sum();
        if (state.wearables == 0 || total == 0) {
            return null; // no wearable ever: the face's own readings are the session's stress
        }
        double fused = 0;
        List<SessionAggregates.Contribution> contributions = new ArrayList<>();
        for (Reading reading : present) {
            double weight = reading.weight / total;
            fused += weight * reading.value;
            contributions.add(new SessionAggregates.Contribution(reading.modality, SessionAggregates.round(reading.value),
                    SessionAggregates.round(weight), SessionAggregates.round(weight * reading.value)));
        }
        return new SessionAggregates.Fused(SessionAggregates.round(fused), contributions, abstained);
    }

    private static String wearableAbstains(SessionState state, SessionConfig rules) {
        if (state.wearables == 0) {
            return "no wearable window";
        }
        if (!state.wearableProblems.isEmpty()) {
            return "signal quality: " + String.join(", ", state.wearableProblems);
        }
        Duration age = Duration.between(state.wearableAt, state.last);
        if (age.compareTo(rules.fusion().wearableMaxAge()) > 0) {
            return "the latest window ended " + age.toSeconds() + " s before the latest frame";
        }
        return null;
    }

    private record Reading(String modality, double value, double weight) {}
}

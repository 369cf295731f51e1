package io.veriscore.app.session;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a session's frames add up to: blink rate (a blink: the eye aspect ratio dips below the blink threshold and
 * comes back above it) and the blinks within the blink window, PERCLOS (the share of the last {@code perclos-frames}
 * frames with the eyes closed), yawns (runs of frames with the mouth open past the yawn threshold), the stress EMA,
 * trend and spikes, and the share of frames in which each emotion was the dominant one. Kept up to date frame by
 * frame by {@link SessionState}; and the focus score (see {@link Focus}).
 */
public record SessionAggregates(
        int frames,
        double durationSeconds,
        Blinks blinks,
        double perclos,
        int yawns,
        Stress stress,
        Map<String, Double> emotions,
        @Schema(nullable = true) Focus focus,
        @Schema(nullable = true) Fused fused) {

    /** {@code perMinute} is null until the session spans five seconds. */
    public record Blinks(int total, int inWindow, @Schema(nullable = true) Double perMinute) {}

    /** {@code spikes} are the sequence numbers of frames whose stress jumped (see {@code veriscore.session.spike-rise}). */
    public record Stress(double latest, double ema, String trend, List<Integer> spikes) {}

    /**
     * The focus score: the latest frame's, its EMA, the share of frames whose EMA was at least {@code focused-from}
     * (frames refused for no face past the grace count as unfocused), and the frames refused for holding no face.
     * Null for sessions whose frames were all stored before focus was read.
     */
    public record Focus(double latest, double ema, double focusedShare, int noFaceFrames) {}

    /**
     * Face and body in one stress reading (late fusion, see {@code Fusion}): each present modality's reading, its
     * renormalised weight and its share of the result; the modalities that abstained and why. Null until the session
     * has had a wearable window.
     */
    public record Fused(double stress, List<Contribution> contributions, List<Abstained> abstained) {}

    public record Contribution(String modality, double value, double weight, double contribution) {}

    public record Abstained(String modality, String reason) {}

    static final double STEADY = 0.02;
    static final double MIN_RATE_SECONDS = 5;

    /** The aggregates of {@code frames}, replayed in order through a {@link SessionState}. */
    static SessionAggregates of(List<SessionFrame> frames, SessionConfig rules) {
        return SessionState.replay(frames, rules).aggregates(rules);
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

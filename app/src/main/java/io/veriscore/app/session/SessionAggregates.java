package io.veriscore.app.session;

import io.veriscore.app.config.VeriscoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a session's frames add up to, computed from the stored frames alone (so a restarted service gives the same
 * answer): blink rate, PERCLOS, yawns, the stress trend and spikes, and the distribution of emotions.
 */
public record SessionAggregates(
        int frames,
        double durationSeconds,
        Blinks blinks,
        double perclos,
        int yawns,
        Stress stress,
        Map<String, Double> emotions) {

    /** {@code perMinute} is null until the session spans five seconds. */
    public record Blinks(int total, int inWindow, Double perMinute) {}

    /** {@code spikes} are the sequence numbers of frames whose stress jumped (see {@code veriscore.session.spike-rise}). */
    public record Stress(double latest, double ema, String trend, List<Integer> spikes) {}

    private static final double STEADY = 0.02;
    private static final int TREND_FRAMES = 5;
    private static final double MIN_RATE_SECONDS = 5;

    public static SessionAggregates of(List<SessionFrame> frames, SessionConfig rules) {
        SessionFrame first = frames.get(0);
        SessionFrame last = frames.get(frames.size() - 1);
        return new SessionAggregates(frames.size(), seconds(first, last), blinks(frames, rules), perclos(frames, rules),
                yawns(frames, rules), stress(frames, rules), emotions(frames));
    }

    /** A blink: the eye aspect ratio dips below the blink threshold and comes back above it. */
    static Blinks blinks(List<SessionFrame> frames, SessionConfig rules) {
        SessionFrame last = frames.get(frames.size() - 1);
        java.time.Instant windowStart = last.capturedAt.minus(rules.blinkWindow());
        int total = 0;
        int inWindow = 0;
        boolean dipped = false;
        for (SessionFrame frame : frames) {
            if (frame.eyeAspect < rules.earBlink()) {
                dipped = true;
            } else if (dipped) {
                dipped = false;
                total++;
                if (!frame.capturedAt.isBefore(windowStart)) {
                    inWindow++;
                }
            }
        }
        double span = Math.min(rules.blinkWindow().toMillis() / 1000.0, seconds(frames.get(0), last));
        return new Blinks(total, inWindow, span < MIN_RATE_SECONDS ? null : round(inWindow * 60 / span));
    }

    /** The share of the last {@code perclos-frames} frames with the eyes closed. */
    static double perclos(List<SessionFrame> frames, SessionConfig rules) {
        List<SessionFrame> recent = frames.subList(Math.max(0, frames.size() - rules.perclosFrames()), frames.size());
        return round((double) recent.stream().filter(frame -> frame.eyeAspect < rules.earClosed()).count() / recent.size());
    }

    /** Runs of frames with the mouth open past the yawn threshold. */
    static int yawns(List<SessionFrame> frames, SessionConfig rules) {
        int yawns = 0;
        boolean open = false;
        for (SessionFrame frame : frames) {
            boolean now = frame.mouthAspect > rules.marYawn();
            if (now && !open) {
                yawns++;
            }
            open = now;
        }
        return yawns;
    }

    static Stress stress(List<SessionFrame> frames, SessionConfig rules) {
        double ema = frames.get(0).stress;
        List<Double> emas = new ArrayList<>();
        List<Integer> spikes = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            double score = frames.get(i).stress;
            ema = i == 0 ? score : rules.emaAlpha() * score + (1 - rules.emaAlpha()) * ema;
            emas.add(ema);
            if (i >= 3) {
                double before = (frames.get(i - 1).stress + frames.get(i - 2).stress + frames.get(i - 3).stress) / 3;
                if (score - before > rules.spikeRise()) {
                    spikes.add(frames.get(i).key.seq());
                }
            }
        }
        double change = ema - emas.get(Math.max(0, emas.size() - 1 - TREND_FRAMES));
        String trend = change > STEADY ? "rising" : change < -STEADY ? "falling" : "steady";
        return new Stress(round(frames.get(frames.size() - 1).stress), round(ema), trend, spikes);
    }

    /** The share of frames in which each emotion was the dominant one. */
    static Map<String, Double> emotions(List<SessionFrame> frames) {
        Map<String, Integer> counts = new TreeMap<>();
        frames.forEach(frame -> counts.merge(frame.emotion, 1, Integer::sum));
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((emotion, count) -> shares.put(emotion, round((double) count / frames.size())));
        return shares;
    }

    private static double seconds(SessionFrame from, SessionFrame to) {
        return Duration.between(from.capturedAt, to.capturedAt).toMillis() / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

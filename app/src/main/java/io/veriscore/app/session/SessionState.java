package io.veriscore.app.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the aggregates need of a session's frames so far, updated frame by frame, so that a new frame costs the same
 * whether it is the 10th or the 100,000th: running totals, and the few recent values the windows need (PERCLOS's
 * last frames, the blinks within the blink window, the last EMAs of the trend, the last stresses of the spike rule).
 * For frames captured in order it gives exactly what the definitions give computed over all the frames
 * ({@code SessionAggregatesTest} checks so after every frame of a long random session).
 * Stored as JSON beside the session ({@link SessionStateRow}).
 */
public final class SessionState {

    private static final int SPIKE_FRAMES = 3;
    private static final int TREND_FRAMES = 5;

    public int frames;
    public Instant first;
    public Instant last;
    public int blinks;
    public boolean eyesDipped;
    /** When the blinks within the blink window ended. */
    public List<Instant> recentBlinks = new ArrayList<>();
    /** Eyes closed or not, in the last {@code perclos-frames} frames. */
    public List<Boolean> recentClosed = new ArrayList<>();
    public int yawns;
    public boolean mouthOpen;
    public double latestStress;
    public double ema;
    public List<Double> recentEmas = new ArrayList<>();
    public List<Double> recentStress = new ArrayList<>();
    public List<Integer> spikes = new ArrayList<>();
    public TreeMap<String, Integer> emotions = new TreeMap<>(); // a TreeMap when read back too: shares in name order
    /** The focus score's: null until a frame with one; frames counted (with those penalised for no face), focused ones. */
    public Double focusLatest;
    public Double focusEma;
    public int focusFrames;
    public int focusedFrames;
    /** The EMA of the frames' negative affect (the fusion's emotion reading). */
    public double negativeAffectEma;
    /** The latest wearable window: how many so far, its stress probability, when it ended, its signal problems. */
    public int wearables;
    public double wearableStress;
    public Instant wearableAt;
    public List<String> wearableProblems = new ArrayList<>();
    /** Frames without a face since the last with one, and in all. */
    public int noFaceRun;
    public int noFaceFrames;

    /** The state after {@code frames}, in order. */
    public static SessionState replay(List<SessionFrame> frames, SessionConfig rules) {
        SessionState state = new SessionState();
        frames.forEach(frame -> state.add(frame, rules));
        return state;
    }

    public void add(SessionFrame frame, SessionConfig rules) {
        first = frames == 0 ? frame.capturedAt : first;
        last = frame.capturedAt;
        if (frame.eyeAspect < rules.earBlink()) {
            eyesDipped = true;
        } else if (eyesDipped) {
            eyesDipped = false;
            blinks++;
            recentBlinks.add(frame.capturedAt);
        }
        Instant windowStart = last.minus(rules.blinkWindow());
        recentBlinks.removeIf(ended -> ended.isBefore(windowStart));
        keepLast(recentClosed, frame.eyeAspect < rules.earClosed(), rules.perclosFrames());
        boolean open = frame.mouthAspect > rules.marYawn();
        yawns += open && !mouthOpen ? 1 : 0;
        mouthOpen = open;
        if (recentStress.size() == SPIKE_FRAMES) {
            double before = (recentStress.get(2) + recentStress.get(1) + recentStress.get(0)) / SPIKE_FRAMES; // as ever: newest first
            if (frame.stress - before > rules.spikeRise()) {
                spikes.add(frame.key.seq());
            }
        }
        keepLast(recentStress, frame.stress, SPIKE_FRAMES);
        ema = frames == 0 ? frame.stress : rules.emaAlpha() * frame.stress + (1 - rules.emaAlpha()) * ema;
        double negative = negativeAffect(frame, rules);
        negativeAffectEma = frames == 0 ? negative : rules.emaAlpha() * negative + (1 - rules.emaAlpha()) * negativeAffectEma;
        keepLast(recentEmas, ema, TREND_FRAMES + 1);
        latestStress = frame.stress;
        noFaceRun = 0;
        if (frame.focus != null) {
            focus(frame.focus, rules);
        }
        emotions.merge(frame.emotion, 1, Integer::sum);
        frames++;
    }

    /** A wearable window's reading: the latest is the fusion's. */
    public void add(SessionWearable window) {
        wearables++;
        wearableStress = window.stress;
        wearableAt = window.capturedAt;
        wearableProblems = new ArrayList<>(window.quality.keySet());
    }

    private static double negativeAffect(SessionFrame frame, SessionConfig rules) {
        if (frame.emotions == null) {
            return 0;
        }
        return rules.fusion().negativeEmotions().stream()
                .mapToDouble(name -> frame.emotions.get(name) instanceof Number p ? p.doubleValue() : 0).sum();
    }

    /** A frame refused for holding no face: past the grace frames in a row, it scores 0 for focus. */
    public void noFace(SessionConfig rules) {
        noFaceRun++;
        noFaceFrames++;
        if (noFaceRun > rules.focus().graceFrames() && focusEma != null) {
            focus(0, rules);
        }
    }

    private void focus(double score, SessionConfig rules) {
        focusLatest = score;
        focusEma = focusEma == null ? score : rules.focus().emaAlpha() * score + (1 - rules.focus().emaAlpha()) * focusEma;
        focusFrames++;
        focusedFrames += focusEma >= rules.focus().focusedFrom() ? 1 : 0;
    }

    public SessionAggregates aggregates(SessionConfig rules) {
        if (frames == 0) {
            return null;
        }
        double seconds = Duration.between(first, last).toMillis() / 1000.0;
        double span = Math.min(rules.blinkWindow().toMillis() / 1000.0, seconds);
        int inWindow = recentBlinks.size();
        var blinkRate = new SessionAggregates.Blinks(blinks, inWindow,
                span < SessionAggregates.MIN_RATE_SECONDS ? null : SessionAggregates.round(inWindow * 60 / span));
        double perclos = SessionAggregates.round((double) recentClosed.stream().filter(closed -> closed).count() / recentClosed.size());
        double change = ema - recentEmas.get(0);
        String trend = change > SessionAggregates.STEADY ? "rising" : change < -SessionAggregates.STEADY ? "falling" : "steady";
        var stress = new SessionAggregates.Stress(SessionAggregates.round(latestStress), SessionAggregates.round(ema), trend,
                List.copyOf(spikes));
        Map<String, Double> shares = new LinkedHashMap<>();
        emotions.forEach((emotion, count) -> shares.put(emotion, SessionAggregates.round((double) count / frames)));
        var focus = focusEma == null ? null : new SessionAggregates.Focus(SessionAggregates.round(focusLatest),
                SessionAggregates.round(focusEma), SessionAggregates.round((double) focusedFrames / focusFrames), noFaceFrames);
        return new SessionAggregates(frames, seconds, blinkRate, perclos, yawns, stress, shares, focus, Fusion.of(this, rules));
    }

    private static <T> void keepLast(List<T> values, T value, int size) {
        values.add(value);
        while (values.size() > size) {
            values.remove(0);
        }
    }
}

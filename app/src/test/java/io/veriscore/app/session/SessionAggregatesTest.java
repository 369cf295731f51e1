package io.veriscore.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The aggregation rules at the focus study's thresholds (the defaults are calibrated for FaceMesh), on sequences of readings. */
class SessionAggregatesTest {

    static final SessionConfig DEFAULTS = new SessionConfig() {
        public String stressModel() { return "stress-mlp"; }
        public String emotionModel() { return "fer"; }
        public List<String> eyeAspectFeatures() { return List.of("left_eye_aspect", "right_eye_aspect"); }
        public String mouthAspectFeature() { return "mouth_opening"; }
        public double earClosed() { return 0.16; }
        public double earBlink() { return 0.21; }
        public double marYawn() { return 0.55; }
        public int perclosFrames() { return 60; }
        public Duration blinkWindow() { return Duration.ofSeconds(30); }
        public double emaAlpha() { return 0.3; }
        public double spikeRise() { return 0.15; }
        public int maxStreams() { return 64; }
        public int maxFramesInFlight() { return 4; }
        public int maxMessageBytes() { return 2097152; }
        public int maxStreamsPerClient() { return 8; }
        public java.time.Duration streamIdleTimeout() { return java.time.Duration.ofMinutes(2); }
        public Focus focus() { return STUDY_FOCUS; }
        public Fusion fusion() { return FUSION; }
    };
    static final SessionConfig.Fusion FUSION = new SessionConfig.Fusion() {
        public String wearableModel() { return "biosignal"; }
        public double faceWeight() { return 0.3; }
        public double emotionWeight() { return 0.2; }
        public double biosignalWeight() { return 0.5; }
        public Duration wearableMaxAge() { return Duration.ofMinutes(2); }
        public List<String> negativeEmotions() { return List.of("angry", "disgust", "fear", "sad"); }
    };
    static final SessionConfig.Focus STUDY_FOCUS = new SessionConfig.Focus() {
        public double maxAngle() { return 22; }
        public double rollWeight() { return 0.5; }
        public double earOpen() { return 0.30; }
        public double gazeMaxOffset() { return 0.28; }
        public double faceWeight() { return 0.7; }
        public double emaAlpha() { return 0.3; }
        public int graceFrames() { return 15; }
        public double focusedFrom() { return 0.5; }
    };
    static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    /** Frames one second apart with these eye aspect ratios, mouth ratio 0.1, stress 0.4, neutral. */
    static List<SessionFrame> eyes(double... ears) {
        List<SessionFrame> frames = new ArrayList<>();
        for (double ear : ears) {
            frames.add(frame(frames.size(), ear, 0.1, 0.4, "neutral"));
        }
        return frames;
    }

    static SessionFrame frame(int index, double ear, double mar, double stress, String emotion) {
        SessionFrame frame = new SessionFrame();
        frame.key = new SessionFrame.Key(UUID.randomUUID(), index + 1);
        frame.capturedAt = START.plusSeconds(index);
        frame.eyeAspect = ear;
        frame.mouthAspect = mar;
        frame.stress = stress;
        frame.emotion = emotion;
        return frame;
    }

    @Test
    void aBlinkIsADipBelowTheThresholdThatEnds() {
        List<SessionFrame> frames = eyes(0.30, 0.15, 0.12, 0.31, 0.30, 0.20, 0.29, 0.30, 0.30, 0.30, 0.19);
        SessionAggregates.Blinks blinks = SessionAggregates.of(frames, DEFAULTS).blinks();
        assertEquals(2, blinks.total(), "the last dip has not ended yet");
        assertEquals(12.0, blinks.perMinute(), 1e-9, "2 blinks in 10 s");
        assertNull(SessionAggregates.of(eyes(0.3, 0.1, 0.3), DEFAULTS).blinks().perMinute(), "2 s is too short for a rate");
    }

    @Test
    void blinksOlderThanTheWindowLeaveTheRate() {
        double[] ears = new double[61];
        java.util.Arrays.fill(ears, 0.3);
        ears[1] = 0.1; // a blink at second 2, more than 30 s before the last frame
        ears[50] = 0.1; // and one at second 51
        SessionAggregates.Blinks blinks = SessionAggregates.of(eyes(ears), DEFAULTS).blinks();
        assertEquals(2, blinks.total());
        assertEquals(1, blinks.inWindow());
        assertEquals(2.0, blinks.perMinute(), 1e-9);
    }

    @Test
    void perclosIsTheShareOfClosedFramesAmongTheLastSixty() {
        double[] ears = new double[80];
        java.util.Arrays.fill(ears, 0.3);
        for (int i = 0; i < 20; i++) {
            ears[i] = 0.1; // closed, but before the last 60 frames
        }
        for (int i = 70; i < 76; i++) {
            ears[i] = 0.15;
        }
        assertEquals(0.1, SessionAggregates.of(eyes(ears), DEFAULTS).perclos(), 1e-9);
    }

    @Test
    void yawnsAreRunsOfAWideOpenMouth() {
        double[] mars = {0.1, 0.6, 0.7, 0.2, 0.56, 0.1, 0.55};
        List<SessionFrame> frames = new ArrayList<>();
        for (double mar : mars) {
            frames.add(frame(frames.size(), 0.3, mar, 0.4, "neutral"));
        }
        assertEquals(2, SessionAggregates.of(frames, DEFAULTS).yawns(), "0.55 itself is not above the threshold");
    }

    @Test
    void stressSpikesRiseMoreThanTheThresholdAboveTheLastThreeAndTheEmaFollows() {
        double[] scores = {0.30, 0.32, 0.28, 0.50, 0.40, 0.42, 0.44, 0.45, 0.46, 0.47};
        List<SessionFrame> frames = new ArrayList<>();
        for (double score : scores) {
            frames.add(frame(frames.size(), 0.3, 0.1, score, score > 0.45 ? "angry" : "neutral"));
        }
        SessionAggregates.Stress stress = SessionAggregates.of(frames, DEFAULTS).stress();
        assertEquals(List.of(4), stress.spikes(), "0.50 against a mean of 0.30; 0.40 against 0.367 is no spike");
        double ema = scores[0];
        for (int i = 1; i < scores.length; i++) {
            ema = 0.3 * scores[i] + 0.7 * ema;
        }
        assertEquals(Math.round(ema * 10_000) / 10_000.0, stress.ema(), 1e-12);
        assertEquals("rising", stress.trend());
        assertEquals(0.3, SessionAggregates.of(frames, DEFAULTS).emotions().get("angry"), 1e-9);
    }

    /**
     * The aggregates by their definitions, from all the frames at once (the service computed them so before it kept
     * them frame by frame): the incremental state must agree with them after every frame.
     */
    @Test
    void theStateKeptFrameByFrameAgreesWithTheDefinitionsAfterEveryFrame() {
        java.util.Random random = new java.util.Random(20261202);
        List<String> emotions = List.of("angry", "happy", "neutral", "sad", "surprise");
        List<SessionFrame> frames = new ArrayList<>();
        SessionState state = new SessionState();
        for (int i = 0; i < 2000; i++) {
            SessionFrame frame = frame(i, 0.08 + random.nextDouble() * 0.3, random.nextDouble() * 0.8, random.nextDouble(),
                    emotions.get(random.nextInt(emotions.size())));
            frame.capturedAt = START.plusMillis(i * 70L + random.nextInt(40)); // about 14 frames per second, in order
            frames.add(frame);
            state.add(frame, DEFAULTS);
            SessionAggregates kept = state.aggregates(DEFAULTS);
            assertEquals(Definitions.blinks(frames, DEFAULTS), kept.blinks(), "frame " + i);
            assertEquals(Definitions.perclos(frames, DEFAULTS), kept.perclos(), 0, "frame " + i);
            assertEquals(Definitions.yawns(frames, DEFAULTS), kept.yawns(), "frame " + i);
            assertEquals(Definitions.stress(frames, DEFAULTS), kept.stress(), "frame " + i);
            assertEquals(Definitions.emotions(frames), kept.emotions(), "frame " + i);
        }
        // What it keeps is bounded by the windows, not by the session's length.
        assertTrue(state.recentBlinks.size() < state.blinks / 3, state.recentBlinks.size() + " of " + state.blinks + " blinks kept");
        assertEquals(DEFAULTS.perclosFrames(), state.recentClosed.size());
        assertEquals(6, state.recentEmas.size());
        assertEquals(3, state.recentStress.size());
    }

    private static final class Definitions {
        private static final double STEADY = 0.02;
        private static final int TREND_FRAMES = 5;
        private static final double MIN_RATE_SECONDS = 5;

        static SessionAggregates.Blinks blinks(List<SessionFrame> frames, SessionConfig rules) {
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
            return new SessionAggregates.Blinks(total, inWindow, span < MIN_RATE_SECONDS ? null : round(inWindow * 60 / span));
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

        static SessionAggregates.Stress stress(List<SessionFrame> frames, SessionConfig rules) {
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
            return new SessionAggregates.Stress(round(frames.get(frames.size() - 1).stress), round(ema), trend, spikes);
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
            return java.time.Duration.between(from.capturedAt, to.capturedAt).toMillis() / 1000.0;
        }

        private static double round(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }
    }
}

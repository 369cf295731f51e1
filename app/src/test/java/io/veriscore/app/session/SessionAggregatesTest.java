package io.veriscore.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.veriscore.app.config.VeriscoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The aggregation rules at their default thresholds (the focus study's), on sequences of readings. */
class SessionAggregatesTest {

    static final SessionConfig DEFAULTS = new SessionConfig() {
        public String stressModel() { return "stress-mlp"; }
        public String emotionModel() { return "fer"; }
        public List<String> eyeAspectFeatures() { return List.of("left_eye_aspect", "right_eye_aspect"); }
        public String mouthAspectFeature() { return "mouth_opening"; }
        public double earClosed() { return 0.16; }
        public double earBlink() { return 0.21; }
        public double earOpen() { return 0.30; }
        public double marYawn() { return 0.55; }
        public int perclosFrames() { return 60; }
        public Duration blinkWindow() { return Duration.ofSeconds(30); }
        public double emaAlpha() { return 0.3; }
        public double spikeRise() { return 0.15; }
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
        SessionAggregates.Blinks blinks = SessionAggregates.blinks(frames, DEFAULTS);
        assertEquals(2, blinks.total(), "the last dip has not ended yet");
        assertEquals(12.0, blinks.perMinute(), 1e-9, "2 blinks in 10 s");
        assertNull(SessionAggregates.blinks(eyes(0.3, 0.1, 0.3), DEFAULTS).perMinute(), "2 s is too short for a rate");
    }

    @Test
    void blinksOlderThanTheWindowLeaveTheRate() {
        double[] ears = new double[61];
        java.util.Arrays.fill(ears, 0.3);
        ears[1] = 0.1; // a blink at second 2, more than 30 s before the last frame
        ears[50] = 0.1; // and one at second 51
        SessionAggregates.Blinks blinks = SessionAggregates.blinks(eyes(ears), DEFAULTS);
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
        assertEquals(0.1, SessionAggregates.perclos(eyes(ears), DEFAULTS), 1e-9);
    }

    @Test
    void yawnsAreRunsOfAWideOpenMouth() {
        double[] mars = {0.1, 0.6, 0.7, 0.2, 0.56, 0.1, 0.55};
        List<SessionFrame> frames = new ArrayList<>();
        for (double mar : mars) {
            frames.add(frame(frames.size(), 0.3, mar, 0.4, "neutral"));
        }
        assertEquals(2, SessionAggregates.yawns(frames, DEFAULTS), "0.55 itself is not above the threshold");
    }

    @Test
    void stressSpikesRiseMoreThanTheThresholdAboveTheLastThreeAndTheEmaFollows() {
        double[] scores = {0.30, 0.32, 0.28, 0.50, 0.40, 0.42, 0.44, 0.45, 0.46, 0.47};
        List<SessionFrame> frames = new ArrayList<>();
        for (double score : scores) {
            frames.add(frame(frames.size(), 0.3, 0.1, score, score > 0.45 ? "angry" : "neutral"));
        }
        SessionAggregates.Stress stress = SessionAggregates.stress(frames, DEFAULTS);
        assertEquals(List.of(4), stress.spikes(), "0.50 against a mean of 0.30; 0.40 against 0.367 is no spike");
        double ema = scores[0];
        for (int i = 1; i < scores.length; i++) {
            ema = 0.3 * scores[i] + 0.7 * ema;
        }
        assertEquals(Math.round(ema * 10_000) / 10_000.0, stress.ema(), 1e-12);
        assertEquals("rising", stress.trend());
        assertEquals(0.3, SessionAggregates.emotions(frames).get("angry"), 1e-9);
    }
}

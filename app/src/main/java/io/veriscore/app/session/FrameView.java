package io.veriscore.app.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The readings of one frame and, when it was just added, its face's 468 landmarks ([x, y] in image pixels), its scan's warnings and the session's aggregates after it
 * (a listing of stored frames has neither: warnings are not stored, and aggregates belong to the session).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrameView(
        int seq,
        Instant capturedAt,
        double eyeAspect,
        double mouthAspect,
        double stress,
        Emotion emotion,
        Map<String, Object> features,
        Map<String, Object> face,
        List<double[]> landmarks,
        List<String> warnings,
        SessionAggregates aggregates) {

    public record Emotion(String label, double confidence, Map<String, Object> probabilities) {}

    public static FrameView of(SessionService.FrameResult result) {
        SessionFrame frame = result.frame();
        return new FrameView(frame.key.seq(), frame.capturedAt, round(frame.eyeAspect), round(frame.mouthAspect),
                frame.stress, new Emotion(frame.emotion, frame.emotionConfidence, frame.emotions), frame.features, frame.face,
                result.landmarks(), result.warnings(), result.aggregates());
    }

    /** A stored frame, as a listing shows it. */
    public static FrameView of(SessionFrame frame) {
        return new FrameView(frame.key.seq(), frame.capturedAt, round(frame.eyeAspect), round(frame.mouthAspect),
                frame.stress, new Emotion(frame.emotion, frame.emotionConfidence, frame.emotions), frame.features, frame.face,
                null, null, null);
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}

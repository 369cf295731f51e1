package io.veriscore.app.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
        @Schema(nullable = true) Pose pose,
        @Schema(nullable = true) Gaze gaze,
        @Schema(nullable = true) Focus focus,
        @Schema(nullable = true) List<double[]> landmarks,
        @Schema(nullable = true) List<String> warnings,
        @Schema(nullable = true) SessionAggregates aggregates) {

    public record Emotion(String label, double confidence, Map<String, Object> probabilities) {}

    /** Degrees: yaw positive towards the image's right, pitch positive chin up, roll positive counter-clockwise. */
    public record Pose(double yaw, double pitch, double roll) {}

    /** The irises' offset from the eyes' middles in eye widths (x to the image's right, y down), and its length. */
    public record Gaze(double x, double y, double offset) {}

    public record Focus(double score, double face, double eye) {}

    public static FrameView of(SessionService.FrameResult result) {
        SessionFrame frame = result.frame();
        return new FrameView(frame.key.seq(), frame.capturedAt, round(frame.eyeAspect), round(frame.mouthAspect),
                frame.stress, new Emotion(frame.emotion, frame.emotionConfidence, frame.emotions), frame.features, frame.face,
                pose(frame), gaze(frame), focus(frame), result.landmarks(), result.warnings(), result.aggregates());
    }

    /** A stored frame, as a listing shows it. */
    public static FrameView of(SessionFrame frame) {
        return new FrameView(frame.key.seq(), frame.capturedAt, round(frame.eyeAspect), round(frame.mouthAspect),
                frame.stress, new Emotion(frame.emotion, frame.emotionConfidence, frame.emotions), frame.features, frame.face,
                pose(frame), gaze(frame), focus(frame), null, null, null);
    }

    private static Pose pose(SessionFrame frame) {
        return frame.yaw == null ? null : new Pose(frame.yaw, frame.pitch, frame.roll);
    }

    private static Gaze gaze(SessionFrame frame) {
        return frame.gazeX == null ? null : new Gaze(frame.gazeX, frame.gazeY, Math.round(Math.hypot(frame.gazeX, frame.gazeY) * 1000) / 1000.0);
    }

    private static Focus focus(SessionFrame frame) {
        return frame.focus == null ? null : new Focus(frame.focus, frame.focusFace, frame.focusEye);
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}

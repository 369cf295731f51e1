package io.veriscore.app.session;

import io.veriscore.face.Gaze;
import io.veriscore.face.HeadPose;

/**
 * A frame's focus, the way the focus study scores it: a face sub-score from how far the head turns from the camera
 * (0 beyond {@code max-angle}; roll weighs {@code roll-weight}), an eye sub-score from the eyes' opening (linear
 * between {@code ear-closed} and {@code focus.ear-open}) times where the irises look (0 beyond {@code gaze-max-offset}),
 * combined {@code face-weight} to the rest. All three in [0, 1].
 */
public record Focus(double score, double face, double eye) {

    public static Focus of(HeadPose pose, Gaze gaze, double eyeAspect, SessionConfig rules) {
        SessionConfig.Focus focus = rules.focus();
        double deviation = Math.sqrt(pose.yaw() * pose.yaw() + pose.pitch() * pose.pitch()
                + Math.pow(focus.rollWeight() * pose.roll(), 2));
        double face = unit(1 - deviation / focus.maxAngle());
        double open = unit((eyeAspect - rules.earClosed()) / (focus.earOpen() - rules.earClosed()));
        double looking = unit(1 - gaze.offset() / focus.gazeMaxOffset());
        double eye = open * looking;
        return new Focus(round(focus.faceWeight() * face + (1 - focus.faceWeight()) * eye), round(face), round(eye));
    }

    private static double unit(double value) {
        return Math.clamp(value, 0, 1);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}

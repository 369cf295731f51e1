package io.veriscore.plugin.stress;

import io.veriscore.spi.Face;
import io.veriscore.spi.Face.Point;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seven stress features from FaceMesh's 468 landmarks (canonical indices; "left" and "right" are the subject's).
 * Deterministic: the same landmarks always give the same features.
 *
 * <ul>
 *   <li>eye aspect ratio (Soukupová and Čech, 2016): (|p2 - p6| + |p3 - p5|) / (2 |p1 - p4|), with p1..p6 =
 *       33, 160, 158, 133, 153, 144 for the right eye and 362, 385, 387, 263, 373, 380 for the left;</li>
 *   <li>brow tension: the mean over both sides of the distance from the middle of the brow (105, 334) to the middle
 *       of the upper lid (159, 386), divided by the face's height, forehead (10) to chin (152), times
 *       {@link #SELFIE_FACE_HEIGHT};</li>
 *   <li>mouth tension: mouth width, corner to corner (61, 291), over the outer lips' height (0, 17);</li>
 *   <li>eye symmetry: |L - R| / mean(L, R) of the two eye aspect ratios;</li>
 *   <li>mouth opening: the inner lips' gap (13, 14) over the mouth's width;</li>
 *   <li>time of day: seconds since local midnight, in the capture time's own offset, / 86400.</li>
 * </ul>
 */
final class FaceGeometry {

    /**
     * The share of a webcam selfie's height the face (forehead to chin) takes at arm's length: an assumption, not a
     * measurement. Body Debt measured brow distance in image-normalised coordinates, so its range (and the model's
     * training range, 0.02 to 0.06) is in units of the frame's height; dividing by the face's height instead makes the
     * feature independent of the distance to the camera, and this factor puts it back in the model's units. Without
     * it, the 17 real faces of models/face/testset measure 0.11 to 0.17, all outside the training range.
     */
    static final double SELFIE_FACE_HEIGHT = 0.35;

    static final int[] RIGHT_EYE = {33, 160, 158, 133, 153, 144};
    static final int[] LEFT_EYE = {362, 385, 387, 263, 373, 380};
    static final int RIGHT_BROW = 105;
    static final int LEFT_BROW = 334;
    static final int RIGHT_UPPER_LID = 159;
    static final int LEFT_UPPER_LID = 386;
    static final int FOREHEAD = 10;
    static final int CHIN = 152;
    static final int MOUTH_RIGHT = 61;
    static final int MOUTH_LEFT = 291;
    static final int UPPER_LIP_OUTER = 0;
    static final int LOWER_LIP_OUTER = 17;
    static final int UPPER_LIP_INNER = 13;
    static final int LOWER_LIP_INNER = 14;

    /** The features keyed as in the model's input schema, in tensor order. */
    static Map<String, Object> features(Face face) {
        double left = eyeAspectRatio(face, LEFT_EYE);
        double right = eyeAspectRatio(face, RIGHT_EYE);
        double faceHeight = distance(face, FOREHEAD, CHIN);
        double brow = (distance(face, RIGHT_BROW, RIGHT_UPPER_LID) + distance(face, LEFT_BROW, LEFT_UPPER_LID)) / 2 / faceHeight
                * SELFIE_FACE_HEIGHT;
        double mouthWidth = distance(face, MOUTH_RIGHT, MOUTH_LEFT);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put(Feature.LEFT_EYE_ASPECT.key, round(left));
        features.put(Feature.RIGHT_EYE_ASPECT.key, round(right));
        features.put(Feature.BROW_TENSION.key, round(brow));
        features.put(Feature.MOUTH_TENSION.key, round(mouthWidth / distance(face, UPPER_LIP_OUTER, LOWER_LIP_OUTER)));
        features.put(Feature.EYE_SYMMETRY.key, round(Math.abs(left - right) / ((left + right) / 2)));
        features.put(Feature.MOUTH_OPENING.key, round(distance(face, UPPER_LIP_INNER, LOWER_LIP_INNER) / mouthWidth));
        features.put(Feature.TIME_OF_DAY.key, round(timeOfDay(face.capturedAt())));
        return features;
    }

    static double eyeAspectRatio(Face face, int[] p) {
        return (distance(face, p[1], p[5]) + distance(face, p[2], p[4])) / (2 * distance(face, p[0], p[3]));
    }

    static double timeOfDay(OffsetDateTime at) {
        return at.toLocalTime().toNanoOfDay() / 86_400e9;
    }

    private static double distance(Face face, int a, int b) {
        Point p = face.landmark(a);
        Point q = face.landmark(b);
        return p.distanceTo(q);
    }

    /** Six decimals: far below the landmarks' precision, and short, stable JSON for the stored input. */
    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private FaceGeometry() {}
}

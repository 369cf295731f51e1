package io.veriscore.face;

import io.veriscore.face.FaceDetector.Detection;
import io.veriscore.face.RgbImage.Channels;
import io.veriscore.face.RgbImage.Region;
import java.util.Map;

/**
 * MediaPipe FaceMesh (468 landmarks, 192 x 192 input). The face is cropped square around its detection, enlarged
 * 1.5 times and turned so that the eyes are level, as MediaPipe's own graph does; the landmarks are mapped back to
 * image pixels. A second pass re-crops around the first pass's landmarks, which is what MediaPipe does from frame
 * to frame when it tracks a face.
 */
final class FaceLandmarker implements AutoCloseable {

    static final String SHA256 = "a8a3359e7b94c143331fbdb44e51bb99aa624b472ca8077c4efe1887da5818ca";
    static final int LANDMARKS = 468;
    private static final int SIZE = 192;
    private static final double ENLARGE = 1.5;
    /** Outer corners of the subject's right and left eye: the line between them is levelled. */
    private static final int RIGHT_EYE_OUTER = 33;
    private static final int LEFT_EYE_OUTER = 263;

    /** Landmarks (x, y, z per point) in image pixels, the model's confidence that a face is there, and the crop used. */
    record Landmarks(double[] points, double presence, Region region) {}

    private final OnnxModel model;

    FaceLandmarker(int intraOpThreads) {
        this.model = new OnnxModel("face_landmark_468.onnx", SHA256, intraOpThreads);
    }

    Landmarks locate(RgbImage image, Detection face) {
        Landmarks first = locate(image, regionOf(face));
        return locate(image, regionOf(first.points()));
    }

    private Landmarks locate(RgbImage image, Region region) {
        float[] input = image.crop(region, SIZE, Channels.RGB, 1, 0);
        Map<String, float[]> out = model.run(input, 1, SIZE, SIZE, 3);
        float[] raw = out.get("conv2d_21");
        double presence = 1 / (1 + Math.exp(-out.get("conv2d_31")[0]));
        double[] points = new double[LANDMARKS * 3];
        double scale = region.side() / SIZE;
        for (int i = 0; i < LANDMARKS; i++) {
            double[] xy = region.toImage(raw[3 * i], raw[3 * i + 1], SIZE);
            points[3 * i] = xy[0];
            points[3 * i + 1] = xy[1];
            points[3 * i + 2] = raw[3 * i + 2] * scale;
        }
        return new Landmarks(points, presence, region);
    }

    static Region regionOf(Detection face) {
        double[] right = face.keypoints()[0];
        double[] left = face.keypoints()[1];
        double angle = Math.atan2(left[1] - right[1], left[0] - right[0]);
        return new Region(face.x() + face.width() / 2, face.y() + face.height() / 2,
                Math.max(face.width(), face.height()) * ENLARGE, angle);
    }

    /** The square, eye-levelled region around landmarks, enlarged like the detection's. */
    static Region regionOf(double[] points) {
        return around(points, ENLARGE);
    }

    /** The square around the landmarks in the frame where the eyes are level, times {@code enlarge}. */
    static Region around(double[] points, double enlarge) {
        double angle = Math.atan2(points[3 * LEFT_EYE_OUTER + 1] - points[3 * RIGHT_EYE_OUTER + 1],
                points[3 * LEFT_EYE_OUTER] - points[3 * RIGHT_EYE_OUTER]);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double minU = Double.MAX_VALUE;
        double maxU = -Double.MAX_VALUE;
        double minV = Double.MAX_VALUE;
        double maxV = -Double.MAX_VALUE;
        for (int i = 0; i < LANDMARKS; i++) {
            double u = points[3 * i] * cos + points[3 * i + 1] * sin;
            double v = -points[3 * i] * sin + points[3 * i + 1] * cos;
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        double u = (minU + maxU) / 2;
        double v = (minV + maxV) / 2;
        return new Region(u * cos - v * sin, u * sin + v * cos, Math.max(maxU - minU, maxV - minV) * enlarge, angle);
    }

    @Override
    public void close() {
        model.close();
    }
}

package io.veriscore.face;

/**
 * Where the irises sit in the eyes: each iris's centre by MediaPipe's iris model ({@link IrisLandmarker}), as an offset
 * from the contour's centroid in eye widths ({@code x} along the line of the eye corners, positive towards the image's
 * right; {@code y} across it, positive downwards), averaged over both eyes. {@code offset} is the length of that
 * vector: 0 for irises in the middle of the eyes, about 0.5 for irises at the corners. The irises of each eye are
 * given in image pixels too.
 */
public record Gaze(double x, double y, double offset, double[] rightIris, double[] leftIris) {

    /** FaceMesh's contours of the subject's right and left eye; the first two points of each are its corners. */
    static final int[] RIGHT_EYE = {33, 133, 7, 163, 144, 145, 153, 154, 155, 173, 157, 158, 159, 160, 161, 246};
    static final int[] LEFT_EYE = {263, 362, 249, 390, 373, 374, 380, 381, 382, 398, 384, 385, 386, 387, 388, 466};

    /** The gaze of the face with landmarks {@code points} (x, y, z per landmark, image pixels) in {@code image}. */
    static Gaze of(RgbImage image, double[] points, IrisLandmarker irises) {
        double[] rightIris = irises.iris(image, points, RIGHT_EYE[0], RIGHT_EYE[1], false);
        double[] leftIris = irises.iris(image, points, LEFT_EYE[1], LEFT_EYE[0], true);
        double[] right = offset(points, RIGHT_EYE, rightIris);
        double[] left = offset(points, LEFT_EYE, leftIris);
        double x = (right[0] + left[0]) / 2;
        double y = (right[1] + left[1]) / 2;
        return new Gaze(round(x), round(y), round(Math.hypot(x, y)), new double[] {round(rightIris[0]), round(rightIris[1])},
                new double[] {round(leftIris[0]), round(leftIris[1])});
    }

    /** The iris's offset from the contour's centroid, in eye widths, along and across the line of the eye's corners. */
    private static double[] offset(double[] points, int[] contour, double[] iris) {
        double cx = 0;
        double cy = 0;
        for (int index : contour) {
            cx += points[3 * index] / contour.length;
            cy += points[3 * index + 1] / contour.length;
        }
        double dx = points[3 * contour[1]] - points[3 * contour[0]];
        double dy = points[3 * contour[1] + 1] - points[3 * contour[0] + 1];
        double width = Math.hypot(dx, dy);
        double along = dx < 0 ? -1 : 1; // measure along the image's rightwards direction, whichever corner is first
        double ex = along * dx / width;
        double ey = along * dy / width;
        double ox = iris[0] - cx;
        double oy = iris[1] - cy;
        return new double[] {(ox * ex + oy * ey) / width, (-ox * ey + oy * ex) / width};
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

package io.veriscore.face;

import io.veriscore.face.RgbImage.Channels;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Where the irises sit in the eyes: each iris's centre found in the pixels inside FaceMesh's eye contour, as an offset
 * from the contour's centroid in eye widths ({@code x} along the line of the eye corners, positive towards the image's
 * right; {@code y} across it, positive downwards), averaged over both eyes. {@code offset} is the length of that
 * vector: 0 for irises in the middle of the eyes, about 0.5 for irises at the corners. The irises of each eye are
 * given in image pixels too.
 */
public record Gaze(double x, double y, double offset, double[] rightIris, double[] leftIris) {

    /** FaceMesh's contours of the subject's right and left eye; the first two points of each are its corners. */
    static final int[] RIGHT_EYE = {33, 133, 7, 163, 144, 145, 153, 154, 155, 173, 157, 158, 159, 160, 161, 246};
    static final int[] LEFT_EYE = {263, 362, 249, 390, 373, 374, 380, 381, 382, 398, 384, 385, 386, 387, 388, 466};

    private static final int CROP = 32;
    /** The contour is drawn towards its centre by this share before sampling: lashes and lid edges are dark too. */
    private static final double INSET = 0.15;

    /** The gaze of the face with landmarks {@code points} (x, y, z per landmark, image pixels) in {@code image}. */
    static Gaze of(RgbImage image, double[] points) {
        Eye right = eye(image, points, RIGHT_EYE);
        Eye left = eye(image, points, LEFT_EYE);
        double x = (right.x + left.x) / 2;
        double y = (right.y + left.y) / 2;
        return new Gaze(round(x), round(y), round(Math.hypot(x, y)), right.iris, left.iris);
    }

    private record Eye(double x, double y, double[] iris) {}

    /**
     * One eye: the eye's square (corner to corner, a little enlarged) sampled level at 32 x 32 grey levels; inside the
     * contour, each pixel darker than the median weighs by how much darker; the iris is the weighted centroid.
     */
    private static Eye eye(RgbImage image, double[] points, int[] contour) {
        double cx = 0;
        double cy = 0;
        for (int index : contour) {
            cx += points[3 * index] / contour.length;
            cy += points[3 * index + 1] / contour.length;
        }
        double dx = points[3 * contour[1]] - points[3 * contour[0]];
        double dy = points[3 * contour[1] + 1] - points[3 * contour[0] + 1];
        double width = Math.hypot(dx, dy);
        double angle = Math.atan2(dy, dx);
        if (dx < 0) { // measure along the image's rightwards direction, whichever corner is first
            angle += Math.PI;
        }
        double side = width * 1.2;
        RgbImage.Region region = new RgbImage.Region(cx, cy, side, angle);
        float[] grey = image.crop(region, CROP, Channels.GREY, 255, 0);
        double[] polygon = new double[2 * contour.length];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int k = 0; k < contour.length; k++) { // into crop coordinates, drawn in towards the centre
            double ox = points[3 * contour[k]] - cx;
            double oy = points[3 * contour[k] + 1] - cy;
            double u = (ox * cos + oy * sin) * (1 - INSET);
            double v = (-ox * sin + oy * cos) * (1 - INSET);
            polygon[2 * k] = (u / side + 0.5) * CROP;
            polygon[2 * k + 1] = (v / side + 0.5) * CROP;
        }
        ordered(polygon);
        float[] inside = new float[CROP * CROP];
        int count = 0;
        for (int row = 0; row < CROP; row++) {
            for (int col = 0; col < CROP; col++) {
                if (contains(polygon, col + 0.5, row + 0.5)) {
                    inside[count++] = grey[row * CROP + col];
                }
            }
        }
        if (count == 0) { // eyes shut to a line: the iris is taken to be in the middle
            return new Eye(0, 0, new double[] {round(cx), round(cy)});
        }
        float[] sorted = Arrays.copyOf(inside, count);
        Arrays.sort(sorted);
        double median = sorted[count / 2];
        double weight = 0;
        double su = 0;
        double sv = 0;
        for (int row = 0; row < CROP; row++) {
            for (int col = 0; col < CROP; col++) {
                double darker = median - grey[row * CROP + col];
                if (darker > 0 && contains(polygon, col + 0.5, row + 0.5)) {
                    weight += darker;
                    su += darker * (col + 0.5);
                    sv += darker * (row + 0.5);
                }
            }
        }
        if (weight == 0) {
            return new Eye(0, 0, new double[] {round(cx), round(cy)});
        }
        double u = (su / weight / CROP - 0.5) * side;
        double v = (sv / weight / CROP - 0.5) * side;
        double[] iris = {round(cx + u * cos - v * sin), round(cy + u * sin + v * cos)};
        return new Eye(u / width, v / width, iris);
    }

    /** Orders a contour's points by angle around their centroid, so that it is a simple polygon whatever its indices' order. */
    private static void ordered(double[] polygon) {
        int n = polygon.length / 2;
        double mx = 0;
        double my = 0;
        for (int k = 0; k < n; k++) {
            mx += polygon[2 * k] / n;
            my += polygon[2 * k + 1] / n;
        }
        double fx = mx;
        double fy = my;
        double[][] pairs = new double[n][];
        for (int k = 0; k < n; k++) {
            pairs[k] = new double[] {polygon[2 * k], polygon[2 * k + 1]};
        }
        Arrays.sort(pairs, Comparator.comparingDouble(p -> Math.atan2(p[1] - fy, p[0] - fx)));
        for (int k = 0; k < n; k++) {
            polygon[2 * k] = pairs[k][0];
            polygon[2 * k + 1] = pairs[k][1];
        }
    }

    /** Even-odd rule. */
    private static boolean contains(double[] polygon, double x, double y) {
        boolean in = false;
        int n = polygon.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = polygon[2 * i];
            double yi = polygon[2 * i + 1];
            double xj = polygon[2 * j];
            double yj = polygon[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

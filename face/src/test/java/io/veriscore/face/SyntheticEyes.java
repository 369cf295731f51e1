package io.veriscore.face;

/** Two drawn eyes, 60 pixels wide, with known iris shifts, and FaceMesh-like contour points around them. */
final class SyntheticEyes {

    static final int SIZE = 320;
    static final double WIDTH = 60;
    private static final double[][] CENTRES = {{110, 160}, {210, 160}}; // the subject's right eye is on the image's left
    private static final int[][] CONTOURS = {Gaze.RIGHT_EYE, Gaze.LEFT_EYE};

    private SyntheticEyes() {}

    /** Landmarks (x, y, z per point; only the eyes' contours are placed) of eyes tilted by {@code tilt} radians. */
    static double[] points(double tilt) {
        double[] points = new double[3 * 468];
        for (int eye = 0; eye < 2; eye++) {
            int[] contour = CONTOURS[eye];
            for (int k = 0; k < contour.length; k++) {
                double[] local = contourPoint(eye, k);
                double[] at = place(eye, local[0], local[1], tilt);
                points[3 * contour[k]] = at[0];
                points[3 * contour[k] + 1] = at[1];
            }
        }
        return points;
    }

    /** The image: skin, white almonds, irises of 0.4 eye widths (with pupils) shifted by (dx, dy) eye widths. */
    static RgbImage image(double dx, double dy, double tilt) {
        int[] pixels = new int[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int grey = 190;
                for (int eye = 0; eye < 2; eye++) {
                    double ox = x + 0.5 - centre(eye, tilt)[0];
                    double oy = y + 0.5 - centre(eye, tilt)[1];
                    double u = (ox * Math.cos(tilt) + oy * Math.sin(tilt)) / WIDTH;
                    double v = (-ox * Math.sin(tilt) + oy * Math.cos(tilt)) / WIDTH;
                    if (insideAlmond(u, v)) {
                        double iris = Math.hypot(u - dx, v - dy);
                        grey = iris < 0.08 ? 15 : iris < 0.2 ? 70 : 235;
                    }
                }
                pixels[y * SIZE + x] = grey << 16 | grey << 8 | grey;
            }
        }
        return new RgbImage(SIZE, SIZE, pixels);
    }

    /** An almond: |v| below 0.18 (1 - (2u)^2), u across the eye in eye widths from -0.5 to 0.5. */
    private static boolean insideAlmond(double u, double v) {
        return Math.abs(u) < 0.5 && Math.abs(v) < 0.18 * (1 - 4 * u * u);
    }

    /** Point k of an eye's contour: the two corners first (outer, inner), then 14 points around the almond. */
    private static double[] contourPoint(int eye, int k) {
        double outer = eye == 0 ? -0.5 : 0.5; // the right eye's outer corner is on the image's left
        if (k < 2) {
            return new double[] {k == 0 ? outer : -outer, 0};
        }
        double t = 2 * Math.PI * (k - 2) / 14 + 0.2;
        double u = 0.5 * Math.cos(t) * 0.98;
        return new double[] {u, 0.18 * (1 - 4 * u * u) * Math.signum(Math.sin(t))};
    }

    private static double[] centre(int eye, double tilt) {
        double ox = CENTRES[eye][0] - SIZE / 2.0;
        double oy = CENTRES[eye][1] - SIZE / 2.0;
        return new double[] {SIZE / 2.0 + ox * Math.cos(tilt) - oy * Math.sin(tilt), SIZE / 2.0 + ox * Math.sin(tilt) + oy * Math.cos(tilt)};
    }

    private static double[] place(int eye, double u, double v, double tilt) {
        double[] c = centre(eye, tilt);
        return new double[] {c[0] + WIDTH * (u * Math.cos(tilt) - v * Math.sin(tilt)), c[1] + WIDTH * (u * Math.sin(tilt) + v * Math.cos(tilt))};
    }
}

package io.veriscore.face;

/** A decoded image: packed 0xRRGGBB pixels, row-major. Crops are sampled bilinearly; outside the image is black. */
public record RgbImage(int width, int height, int[] pixels) {

    public RgbImage {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + pixels.length);
        }
    }

    /** A square region of the image: its centre, side and rotation (radians; the region's x axis in the image). */
    public record Region(double centreX, double centreY, double side, double angle) {

        /** Where the point (u, v) of an {@code n} x {@code n} crop of this region lies in the image. */
        public double[] toImage(double u, double v, int n) {
            double a = (u / n - 0.5) * side;
            double b = (v / n - 0.5) * side;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            return new double[] {centreX + a * cos - b * sin, centreY + a * sin + b * cos};
        }
    }

    /** How a crop turns a pixel into floats. */
    public enum Channels {
        /** Three channels, each value / 255 * scale + offset. */
        RGB,
        /** One channel: ITU-R BT.601 luma. */
        GREY
    }

    /**
     * Samples {@code region} into an {@code n} x {@code n} crop, channels last, each value {@code v / 255 * scale + offset}.
     */
    public float[] crop(Region region, int n, Channels channels, float scale, float offset) {
        int depth = channels == Channels.RGB ? 3 : 1;
        float[] out = new float[n * n * depth];
        double cos = Math.cos(region.angle());
        double sin = Math.sin(region.angle());
        double step = region.side() / n;
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double a = (col + 0.5) * step - region.side() / 2;
                double b = (row + 0.5) * step - region.side() / 2;
                double x = region.centreX() + a * cos - b * sin - 0.5;
                double y = region.centreY() + a * sin + b * cos - 0.5;
                int at = (row * n + col) * depth;
                sample(x, y, out, at, channels, scale, offset);
            }
        }
        return out;
    }

    private void sample(double x, double y, float[] out, int at, Channels channels, float scale, float offset) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double r = 0;
        double g = 0;
        double b = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                double weight = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                int px = x0 + dx;
                int py = y0 + dy;
                if (weight == 0 || px < 0 || py < 0 || px >= width || py >= height) {
                    continue;
                }
                int rgb = pixels[py * width + px];
                r += weight * (rgb >> 16 & 0xff);
                g += weight * (rgb >> 8 & 0xff);
                b += weight * (rgb & 0xff);
            }
        }
        if (channels == Channels.RGB) {
            out[at] = (float) (r / 255 * scale + offset);
            out[at + 1] = (float) (g / 255 * scale + offset);
            out[at + 2] = (float) (b / 255 * scale + offset);
        } else {
            out[at] = (float) ((0.299 * r + 0.587 * g + 0.114 * b) / 255 * scale + offset);
        }
    }
}

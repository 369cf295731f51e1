package io.veriscore.face;

import io.veriscore.face.RgbImage.Channels;
import io.veriscore.spi.Face;
import java.time.OffsetDateTime;

/** A face found by the {@link FaceScanner}: its landmarks, and its image for the crops plugins ask for. */
final class ScannedFace implements Face {

    /** How much larger than the landmarks' square the {@link #greyscale} crop is: forehead to chin, with a margin. */
    static final double CROP_MARGIN = 1.1;

    private final RgbImage image;
    private final double[] points;
    private final OffsetDateTime capturedAt;

    ScannedFace(RgbImage image, double[] points, OffsetDateTime capturedAt) {
        this.image = image;
        this.points = points;
        this.capturedAt = capturedAt;
    }

    @Override
    public Point landmark(int index) {
        return new Point(points[3 * index], points[3 * index + 1], points[3 * index + 2]);
    }

    @Override
    public OffsetDateTime capturedAt() {
        return capturedAt;
    }

    @Override
    public byte[] greyscale(int size) {
        float[] grey = image.crop(FaceLandmarker.around(points, CROP_MARGIN), size, Channels.GREY, 255, 0);
        byte[] bytes = new byte[grey.length];
        for (int i = 0; i < grey.length; i++) {
            bytes[i] = (byte) Math.clamp(Math.round(grey[i]), 0, 255);
        }
        return bytes;
    }
}

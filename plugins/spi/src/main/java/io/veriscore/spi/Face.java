package io.veriscore.spi;

import java.time.OffsetDateTime;

/**
 * A face the service found in a client's image: MediaPipe FaceMesh's 468 landmarks in image pixels, and
 * the face's own pixels. Given to plugins that implement {@link FaceScanModel}.
 *
 * <p>Landmark indices follow FaceMesh's canonical topology (e.g. 33 and 133: corners of the subject's right
 * eye; 61 and 291: mouth corners; 10: top of the forehead; 152: chin).
 */
public interface Face {

    int LANDMARK_COUNT = 468;

    /** A landmark: x and y in image pixels, z the relative depth on the scale of x (smaller is nearer). */
    record Point(double x, double y, double z) {

        public double distanceTo(Point other) {
            return Math.hypot(x - other.x, y - other.y);
        }
    }

    /** Landmark {@code index}, 0 to 467. */
    Point landmark(int index);

    /** When the image was taken, with the client's UTC offset (for features such as the local time of day). */
    OffsetDateTime capturedAt();

    /**
     * The face as {@code size} x {@code size} 8-bit grey levels, row-major: the square around the landmarks,
     * a little enlarged, turned so that the eyes are level.
     */
    byte[] greyscale(int size);
}

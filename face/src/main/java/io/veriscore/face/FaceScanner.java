package io.veriscore.face;

import io.veriscore.face.FaceDetector.Detection;
import io.veriscore.face.FaceLandmarker.Landmarks;
import io.veriscore.face.FaceScanException.Reason;
import io.veriscore.face.RgbImage.Channels;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * From the bytes of an image to one face: decode, detect, take the largest face, locate its landmarks, check that
 * it is large, sharp and clear enough. Thread-safe; one instance serves all requests.
 */
public final class FaceScanner implements AutoCloseable {

    /**
     * @param maxPixels      larger images are refused before they are decoded
     * @param minDetection   BlazeFace score from which a face counts
     * @param minFaceWidth   narrower faces (landmarks' box, in image pixels) are refused as too small
     * @param minSharpness   blurrier faces are refused
     * @param minPresence    faces FaceMesh is less sure of are refused as unclear
     */
    public record Limits(long maxPixels, double minDetection, double minFaceWidth, double minSharpness, double minPresence) {

        public static final Limits DEFAULT = new Limits(25_000_000, 0.5, 64, 20, 0.5);
    }

    private static final int SHARPNESS_SIZE = 128;

    private final Limits limits;
    private final ImageDecoder decoder;
    private final FaceDetector detector;
    private final FaceLandmarker landmarker;
    private final IrisLandmarker irises;

    public FaceScanner(Limits limits, int intraOpThreads) {
        this(limits, intraOpThreads, DecodeMemory.standard());
    }

    /** @param memory what images being scanned may take together, shared by every scan */
    public FaceScanner(Limits limits, int intraOpThreads, DecodeMemory memory) {
        this.limits = limits;
        this.decoder = new ImageDecoder(limits.maxPixels(), memory);
        this.detector = new FaceDetector(intraOpThreads, limits.minDetection());
        this.landmarker = new FaceLandmarker(intraOpThreads);
        this.irises = new IrisLandmarker(intraOpThreads);
    }

    public FaceScan scan(byte[] imageBytes, OffsetDateTime capturedAt) {
        long start = System.nanoTime();
        try (ImageDecoder.Decoded decoded = decoder.decode(imageBytes)) {
            return scan(decoded.image(), capturedAt, start);
        }
    }

    private FaceScan scan(RgbImage image, OffsetDateTime capturedAt, long start) {
        long decoded = System.nanoTime();
        List<Detection> faces = detector.detect(image);
        long detected = System.nanoTime();
        if (faces.isEmpty()) {
            throw new FaceScanException(Reason.NO_FACE, "no face found in the %d x %d image; the face should be frontal, lit"
                    .formatted(image.width(), image.height()) + " and fill a good part of the frame");
        }
        Detection largest = faces.stream().max(Comparator.comparingDouble(Detection::area)).orElseThrow();
        Landmarks landmarks = landmarker.locate(image, largest);
        long located = System.nanoTime();
        FaceScan.Box box = box(landmarks.points());
        double sharpness = sharpness(image, landmarks.points());
        check(box, sharpness, landmarks.presence());
        long checked = System.nanoTime();
        HeadPose pose = HeadPose.of(landmarks.points());
        long posed = System.nanoTime();
        Gaze gaze = Gaze.of(image, landmarks.points(), irises);
        long gazed = System.nanoTime();
        return new FaceScan(new ScannedFace(image, landmarks.points(), capturedAt), box, largest.score(),
                landmarks.presence(), sharpness, faces.size(), image.width(), image.height(), pose, gaze,
                new FaceScan.Timings(decoded - start, detected - decoded, located - detected, posed - checked, gazed - posed));
    }

    private void check(FaceScan.Box box, double sharpness, double presence) {
        if (box.width() < limits.minFaceWidth()) {
            throw new FaceScanException(Reason.FACE_TOO_SMALL, "the face is %.0f pixels wide; at least %.0f are needed"
                    .formatted(box.width(), limits.minFaceWidth()) + ": come closer or send a larger image");
        }
        if (presence < limits.minPresence()) {
            throw new FaceScanException(Reason.FACE_UNCLEAR, "the landmark model is only %.2f sure it sees a face (at least %.2f"
                    .formatted(presence, limits.minPresence()) + " needed): face the camera, uncovered and lit");
        }
        if (sharpness < limits.minSharpness()) {
            throw new FaceScanException(Reason.FACE_BLURRED, "the face is blurred (sharpness %.1f, at least %.1f needed)"
                    .formatted(sharpness, limits.minSharpness()) + ": hold still and focus");
        }
    }

    private static FaceScan.Box box(double[] points) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < FaceLandmarker.LANDMARKS; i++) {
            minX = Math.min(minX, points[3 * i]);
            maxX = Math.max(maxX, points[3 * i]);
            minY = Math.min(minY, points[3 * i + 1]);
            maxY = Math.max(maxY, points[3 * i + 1]);
        }
        return new FaceScan.Box(minX, minY, maxX - minX, maxY - minY);
    }

    /** Variance of the 4-neighbour Laplacian over the face, resampled to 128 x 128 grey levels (0-255). */
    static double sharpness(RgbImage image, double[] points) {
        int n = SHARPNESS_SIZE;
        float[] grey = image.crop(FaceLandmarker.around(points, 1.0), n, Channels.GREY, 255, 0);
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (int y = 1; y < n - 1; y++) {
            for (int x = 1; x < n - 1; x++) {
                int at = y * n + x;
                double laplacian = grey[at - 1] + grey[at + 1] + grey[at - n] + grey[at + n] - 4 * grey[at];
                sum += laplacian;
                squares += laplacian * laplacian;
                count++;
            }
        }
        double mean = sum / count;
        return squares / count - mean * mean;
    }

    @Override
    public void close() {
        detector.close();
        landmarker.close();
        irises.close();
    }
}

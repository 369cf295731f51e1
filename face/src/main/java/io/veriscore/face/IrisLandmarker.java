package io.veriscore.face;

import io.veriscore.face.RgbImage.Channels;
import io.veriscore.face.RgbImage.Region;

/**
 * MediaPipe's iris model on each eye, as MediaPipe's iris pipeline runs it: the eye's square from its two corners
 * (centred between them, turned along them, 2.3 times their longer extent), 64 x 64 RGB in [0, 1], the eye at
 * landmarks 362/263 mirrored (the model knows one eye); the iris's centre, back in image pixels.
 */
final class IrisLandmarker implements AutoCloseable {

    static final String SHA256 = "565b45cab4ddfa099cf835005a93351f287815a68e9b21e7114c306697c52b09";
    private static final int SIZE = 64;
    private static final double ENLARGE = 2.3;

    private final OnnxModel model;

    IrisLandmarker(int intraOpThreads) {
        this.model = new OnnxModel("iris_landmark.onnx", SHA256, intraOpThreads);
    }

    /** The centre of the iris of the eye with corners {@code first} and {@code second} (landmark indices), in image pixels. */
    double[] iris(RgbImage image, double[] points, int first, int second, boolean mirrored) {
        double dx = points[3 * second] - points[3 * first];
        double dy = points[3 * second + 1] - points[3 * first + 1];
        Region region = new Region((points[3 * first] + points[3 * second]) / 2, (points[3 * first + 1] + points[3 * second + 1]) / 2,
                ENLARGE * Math.max(Math.abs(dx), Math.abs(dy)), Math.atan2(dy, dx));
        float[] crop = image.crop(region, SIZE, Channels.RGB, 1, 0);
        if (mirrored) {
            mirror(crop);
        }
        float[] iris = model.run(crop, 1, SIZE, SIZE, 3).get("output_iris");
        double x = mirrored ? SIZE - iris[0] : iris[0];
        return region.toImage(x, iris[1], SIZE);
    }

    private static void mirror(float[] crop) {
        for (int row = 0; row < SIZE; row++) {
            for (int col = 0; col < SIZE / 2; col++) {
                for (int channel = 0; channel < 3; channel++) {
                    int left = (row * SIZE + col) * 3 + channel;
                    int right = (row * SIZE + SIZE - 1 - col) * 3 + channel;
                    float kept = crop[left];
                    crop[left] = crop[right];
                    crop[right] = kept;
                }
            }
        }
    }

    @Override
    public void close() {
        model.close();
    }
}

package io.veriscore.face;

import io.veriscore.spi.Face;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MediaPipe's canonical face (468 vertices in centimetres: x to the image's right for a face looking at the camera,
 * y up, z towards the camera) and the landmarks and weights its geometry pipeline fits a face's pose with; extracted
 * from {@code @mediapipe/face_mesh} by {@code models/face/convert/canonical_face.py}.
 */
final class CanonicalFace {

    private static final CanonicalFace INSTANCE = load();

    private final double[] vertices;
    private final int[] basis;
    private final double[] weights;

    private CanonicalFace(double[] vertices, int[] basis, double[] weights) {
        this.vertices = vertices;
        this.basis = basis;
        this.weights = weights;
    }

    static CanonicalFace get() {
        return INSTANCE;
    }

    /** Vertex {@code index}: x, y, z. */
    double[] vertex(int index) {
        return new double[] {vertices[3 * index], vertices[3 * index + 1], vertices[3 * index + 2]};
    }

    /**
     * The rotation (row-major 3 x 3) that turns the canonical face into the face of {@code points} (FaceMesh's x, y, z
     * in image pixels), with scale and translation free: weighted orthogonal Procrustes over the basis landmarks, solved
     * by Horn's quaternion method (the rotation is the eigenvector of the largest eigenvalue of a 4 x 4 matrix).
     */
    double[] rotationTo(double[] points) {
        double[] mean = new double[6];
        double total = 0;
        for (int k = 0; k < basis.length; k++) {
            double w = weights[k];
            double[] c = vertex(basis[k]);
            double[] p = camera(points, basis[k]);
            for (int i = 0; i < 3; i++) {
                mean[i] += w * c[i];
                mean[3 + i] += w * p[i];
            }
            total += w;
        }
        double[] s = new double[9]; // s[3a + b] = sum of w (c_a - mean c_a)(p_b - mean p_b)
        for (int k = 0; k < basis.length; k++) {
            double[] c = vertex(basis[k]);
            double[] p = camera(points, basis[k]);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    s[3 * a + b] += weights[k] * (c[a] - mean[a] / total) * (p[b] - mean[3 + b] / total);
                }
            }
        }
        double[] n = {
                s[0] + s[4] + s[8], s[5] - s[7], s[6] - s[2], s[1] - s[3],
                s[5] - s[7], s[0] - s[4] - s[8], s[1] + s[3], s[6] + s[2],
                s[6] - s[2], s[1] + s[3], -s[0] + s[4] - s[8], s[5] + s[7],
                s[1] - s[3], s[6] + s[2], s[5] + s[7], -s[0] - s[4] + s[8]};
        double[] q = SymmetricEigen.largest(n, 4);
        double w = q[0];
        double x = q[1];
        double y = q[2];
        double z = q[3];
        return new double[] {
                w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y),
                2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x),
                2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z};
    }

    /** Landmark {@code index} of FaceMesh's points in the canonical face's axes: y and z turned round. */
    private static double[] camera(double[] points, int index) {
        return new double[] {points[3 * index], -points[3 * index + 1], -points[3 * index + 2]};
    }

    /** Reads the file {@code canonical_face.py} writes (one line of JSON in a fixed shape, parsed by pattern). */
    private static CanonicalFace load() {
        try (InputStream in = CanonicalFace.class.getResourceAsStream("canonical_face.json")) {
            if (in == null) {
                throw new IllegalStateException("canonical_face.json is missing from the face module's resources");
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher refs = Pattern.compile("\\{\"landmark\":(\\d+),\"weight\":([-0-9.eE]+)}").matcher(json);
            List<int[]> basis = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            while (refs.find()) {
                basis.add(new int[] {Integer.parseInt(refs.group(1))});
                weights.add(Double.parseDouble(refs.group(2)));
            }
            double[] vertices = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(json.substring(json.indexOf("\"vertices\":")))
                    .results().mapToDouble(number -> Double.parseDouble(number.group())).toArray();
            if (vertices.length != 3 * Face.LANDMARK_COUNT || basis.isEmpty()) {
                throw new IllegalStateException("canonical_face.json holds " + vertices.length / 3 + " vertices and "
                        + basis.size() + " basis landmarks; expected 468 and some");
            }
            return new CanonicalFace(vertices, basis.stream().mapToInt(ref -> ref[0]).toArray(),
                    weights.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

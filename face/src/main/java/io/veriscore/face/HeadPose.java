package io.veriscore.face;

/**
 * Where a face points, in degrees: {@code yaw} about the vertical axis (positive: the face turns towards the image's
 * right), {@code pitch} about the horizontal one (positive: the chin comes up), {@code roll} in the image plane
 * (positive: counter-clockwise as seen in the image). Zero for a face looking straight into the camera, level.
 * The rotation is applied as yaw, then pitch, then roll, from the face's own frame ({@link CanonicalFace}).
 */
public record HeadPose(double yaw, double pitch, double roll) {

    /**
     * The pose of {@code points} (FaceMesh's landmarks: x right, y down in image pixels, z on the scale of x, smaller
     * nearer): the rotation of MediaPipe's canonical face that fits them best, by weighted orthogonal Procrustes on the
     * canonical face's basis (Horn's closed form with unit quaternions). Scale and translation are fitted too, and
     * dropped.
     */
    public static HeadPose of(double[] points) {
        return ofRotation(CanonicalFace.get().rotationTo(points));
    }

    /** The angles of rotation matrix {@code r} (row-major 3 x 3, face frame to camera frame, y up, z towards the camera). */
    static HeadPose ofRotation(double[] r) {
        // r = Ry(yaw) Rx(-pitch) Rz(roll): r[5] = sin(pitch), r[2] / r[8] = tan(yaw), r[3] / r[4] = tan(roll).
        double pitch = Math.asin(Math.clamp(r[5], -1, 1));
        double yaw = Math.atan2(r[2], r[8]);
        double roll = Math.atan2(r[3], r[4]);
        return new HeadPose(round(Math.toDegrees(yaw)), round(Math.toDegrees(pitch)), round(Math.toDegrees(roll)));
    }

    /** The rotation with these angles (the inverse of {@link #ofRotation}). */
    double[] rotation() {
        double a = Math.toRadians(yaw);
        double b = Math.toRadians(-pitch);
        double c = Math.toRadians(roll);
        double[] ry = {Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
        double[] rx = {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)};
        double[] rz = {Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1};
        return multiply(multiply(ry, rx), rz);
    }

    static double[] multiply(double[] p, double[] q) {
        double[] out = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[3 * i + j] = p[3 * i] * q[j] + p[3 * i + 1] * q[3 + j] + p[3 * i + 2] * q[6 + j];
            }
        }
        return out;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 10) / 10.0;
    }
}

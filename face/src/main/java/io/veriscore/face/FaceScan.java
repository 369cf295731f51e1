package io.veriscore.face;

import io.veriscore.spi.Face;

/**
 * The face found in an image, with what a client needs to judge it.
 *
 * @param face           the landmarks and pixels, for the plugins
 * @param box            the landmarks' bounding box in image pixels
 * @param detectionScore BlazeFace's confidence, 0 to 1
 * @param presence       FaceMesh's confidence that the crop holds a face, 0 to 1
 * @param sharpness      variance of the Laplacian of the face at 128 x 128 grey levels (higher is sharper)
 * @param facesFound     how many faces the image holds; when more than one, the largest was used
 * @param pose           where the face points
 * @param gaze           where the irises sit in the eyes
 * @param timings        how long each stage took
 */
public record FaceScan(Face face, Box box, double detectionScore, double presence, double sharpness, int facesFound,
        int imageWidth, int imageHeight, HeadPose pose, Gaze gaze, Timings timings) {

    public record Box(double x, double y, double width, double height) {}

    /** Nanoseconds spent decoding the image, detecting faces, locating landmarks, fitting the head pose and finding the irises. */
    public record Timings(long decodeNanos, long detectNanos, long landmarksNanos, long poseNanos, long gazeNanos) {}
}

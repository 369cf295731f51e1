package io.veriscore.face;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veriscore.face.TestSet.LabelledFace;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GazeTest {

    static FaceScanner scanner;

    @BeforeAll
    static void load() {
        scanner = new FaceScanner(FaceScanner.Limits.DEFAULT, 1);
    }

    @AfterAll
    static void close() {
        scanner.close();
    }

    /**
     * Synthetic eyes (skin, an almond of white, a dark iris of 0.4 eye widths with its pupil) with the iris shifted by
     * known amounts, -0.25..0.25 eye widths across and -0.1..0.1 down, on a level and on a tilted eye. Across, the
     * offset found is within 0.05 eye widths of the truth and in the same order; down, the lids hide part of the iris,
     * so the offset found has the right sign but about 40% of the size (a limit of finding the iris in the pixels).
     */
    @Test
    void syntheticIrisShiftsAreFound() {
        double worstAcross = 0;
        double worstDown = 0;
        int cases = 0;
        for (double tilt : new double[] {0, 0.3}) {
            for (double shiftY = -0.1; shiftY <= 0.101; shiftY += 0.05) {
                double before = -1;
                for (double shiftX = -0.25; shiftX <= 0.251; shiftX += 0.05) {
                    Gaze gaze = Gaze.of(SyntheticEyes.image(shiftX, shiftY, tilt), SyntheticEyes.points(tilt));
                    worstAcross = Math.max(worstAcross, Math.abs(gaze.x() - shiftX));
                    worstDown = Math.max(worstDown, Math.abs(gaze.y() - shiftY));
                    assertTrue(gaze.x() > before, "across: " + gaze.x() + " after " + before);
                    assertTrue(Math.abs(shiftY) < 0.01 ? Math.abs(gaze.y()) < 0.01 : gaze.y() * shiftY > 0, "down: " + gaze.y() + " for " + shiftY);
                    before = gaze.x();
                    cases++;
                }
            }
        }
        System.out.printf("Figures: gaze on %d synthetic iris shifts: worst error across %.3f, down %.3f eye widths%n",
                cases, worstAcross, worstDown);
        assertTrue(worstAcross < 0.05, "worst across " + worstAcross);
    }

    /** Real faces: the irises found against the hand-marked pupils, next to the eye contour's centroid (five faces). */
    @Test
    void irisesLandOnTheHandMarkedPupils() {
        double irisSum = 0;
        double centroidSum = 0;
        double worst = 0;
        int eyes = 0;
        for (LabelledFace labelled : TestSet.faces()) {
            Map<String, double[]> marked = labelled.points();
            if (marked.isEmpty()) {
                continue;
            }
            FaceScan scan = scanner.scan(labelled.bytes(), OffsetDateTime.now());
            double interocular = distance(marked.get("eye_left"), marked.get("eye_right"));
            double[][] found = {scan.gaze().rightIris(), scan.gaze().leftIris()}; // the image's left eye is the subject's right
            double[][] centroids = {centroid(scan, Gaze.RIGHT_EYE), centroid(scan, Gaze.LEFT_EYE)};
            double[][] truth = {marked.get("eye_left"), marked.get("eye_right")};
            for (int eye = 0; eye < 2; eye++) {
                double iris = distance(found[eye], truth[eye]) / interocular;
                irisSum += iris;
                centroidSum += distance(centroids[eye], truth[eye]) / interocular;
                worst = Math.max(worst, iris);
                eyes++;
            }
        }
        System.out.printf("Figures: iris vs hand-marked pupils over %d eyes: mean %.3f, worst %.3f of the inter-ocular distance"
                + " (eye contour's centroid: mean %.3f)%n", eyes, irisSum / eyes, worst, centroidSum / eyes);
        assertTrue(worst < 0.1, "worst " + worst);
    }

    private static double[] centroid(FaceScan scan, int[] contour) {
        double x = 0;
        double y = 0;
        for (int index : contour) {
            x += scan.face().landmark(index).x() / contour.length;
            y += scan.face().landmark(index).y() / contour.length;
        }
        return new double[] {x, y};
    }

    private static double distance(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}

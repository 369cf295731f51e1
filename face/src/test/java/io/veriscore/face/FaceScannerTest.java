package io.veriscore.face;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veriscore.face.FaceScanException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import io.veriscore.face.TestSet.LabelledFace;
import io.veriscore.spi.Face;
import io.veriscore.spi.Face.Point;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaceScannerTest extends WithScanner {

    /** FaceMesh's contour of each eye; its centroid stands for the pupil marked by hand. */
    static final int[] RIGHT_EYE = {33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246};
    static final int[] LEFT_EYE = {263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466};
    static final int MOUTH_RIGHT = 61;
    static final int MOUTH_LEFT = 291;

    @Test
    void landmarksLandOnTheHandMarkedEyesAndMouthCorners() {
        double worst = 0;
        int checked = 0;
        for (LabelledFace labelled : TestSet.faces()) {
            if (labelled.points().isEmpty()) {
                continue;
            }
            Face face = scanner.scan(labelled.bytes(), OffsetDateTime.now()).face();
            Map<String, double[]> marked = labelled.points();
            double interocular = distance(marked.get("eye_left"), marked.get("eye_right"));
            // The image's left eye is the subject's right one.
            double[][] pairs = {
                    {distance(marked.get("eye_left"), centroid(face, RIGHT_EYE))},
                    {distance(marked.get("eye_right"), centroid(face, LEFT_EYE))},
                    {distance(marked.get("mouth_left"), point(face.landmark(MOUTH_RIGHT)))},
                    {distance(marked.get("mouth_right"), point(face.landmark(MOUTH_LEFT)))}};
            for (double[] pair : pairs) {
                double relative = pair[0] / interocular;
                worst = Math.max(worst, relative);
                System.out.printf("Figures: %s landmark error %.1f px = %.3f of the inter-ocular distance%n",
                        labelled.file(), pair[0], relative);
                assertTrue(relative < 0.15, labelled.file() + ": a landmark is " + relative + " inter-ocular distances off");
                checked++;
            }
        }
        assertEquals(20, checked, "5 hand-marked faces, 4 points each");
        System.out.printf("Figures: largest landmark error %.3f of the inter-ocular distance over %d points%n", worst, checked);
    }

    @Test
    void everyLabelledCropHoldsOneFace() {
        for (LabelledFace labelled : TestSet.faces()) {
            FaceScan scan = scanner.scan(labelled.bytes(), OffsetDateTime.now());
            assertAll(labelled.file(),
                    () -> assertEquals(1, scan.facesFound()),
                    () -> assertTrue(scan.box().width() > 100, "box " + scan.box()),
                    () -> assertTrue(scan.presence() > 0.9, "presence " + scan.presence()));
            System.out.printf("Figures: %s box %.0fx%.0f detection %.2f presence %.3f sharpness %.1f%n", labelled.file(),
                    scan.box().width(), scan.box().height(), scan.detectionScore(), scan.presence(), scan.sharpness());
        }
    }

    private static double[] centroid(Face face, int[] indices) {
        double x = IntStream.of(indices).mapToDouble(i -> face.landmark(i).x()).average().orElseThrow();
        double y = IntStream.of(indices).mapToDouble(i -> face.landmark(i).y()).average().orElseThrow();
        return new double[] {x, y};
    }

    private static double[] point(Point point) {
        return new double[] {point.x(), point.y()};
    }

    private static double distance(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    @Test
    void ofSeveralFacesTheLargestIsUsedAndTheCountReported() {
        FaceScan scan = scanner.scan(TestSet.bytes("group-sample1.jpg"), OffsetDateTime.now());
        assertEquals(3, scan.facesFound(), "the photo shows three women");
        double centreX = scan.box().x() + scan.box().width() / 2;
        assertTrue(centreX > 339 && centreX < 646, "the largest face is the woman on the left, box " + scan.box());
    }

    @Test
    void anImageWithoutAFaceIsRefused() throws IOException {
        BufferedImage group = ImageIO.read(new ByteArrayInputStream(TestSet.bytes("group-sample1.jpg")));
        byte[] wall = png(group.getSubimage(0, 0, 500, 400)); // the wall and paintings above the group
        assertEquals(Reason.NO_FACE, reason(wall, FaceScanner.Limits.DEFAULT));
    }

    @Test
    void aBlurredFaceIsRefused() throws IOException {
        BufferedImage face = ImageIO.read(new ByteArrayInputStream(TestSet.bytes("astronaut.jpg")));
        BufferedImage blurred = BLUR.filter(BLUR.filter(BLUR.filter(face, null), null), null);
        byte[] image = png(blurred);
        FaceScanException error = assertThrows(FaceScanException.class, () -> scanner.scan(image, OffsetDateTime.now()));
        assertEquals(Reason.FACE_BLURRED, error.reason(), error.getMessage());
        System.out.println("Figures: blurred astronaut: " + error.getMessage());
    }

    @Test
    void aFaceTooSmallIsRefused() throws IOException {
        BufferedImage face = ImageIO.read(new ByteArrayInputStream(TestSet.bytes("astronaut.jpg")));
        BufferedImage small = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        small.createGraphics().drawImage(face.getScaledInstance(128, 128, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        assertEquals(Reason.FACE_TOO_SMALL, reason(png(small), FaceScanner.Limits.DEFAULT));
    }

    @Test
    void whatIsNotAJpegOrPngIsRefusedAndAHugeImageIsNotDecoded() {
        assertEquals(Reason.NOT_AN_IMAGE, reason("not an image".getBytes(), FaceScanner.Limits.DEFAULT));
        byte[] truncated = java.util.Arrays.copyOf(TestSet.bytes("astronaut.jpg"), 600);
        assertEquals(Reason.NOT_AN_IMAGE, reason(truncated, FaceScanner.Limits.DEFAULT));
        FaceScanner.Limits small = new FaceScanner.Limits(100_000, 0.5, 64, 20, 0.5);
        assertEquals(Reason.IMAGE_TOO_LARGE, reason(TestSet.bytes("astronaut.jpg"), small));
    }

    private static final java.awt.image.ConvolveOp BLUR = blur(9);

    private static java.awt.image.ConvolveOp blur(int size) {
        float[] kernel = new float[size * size];
        java.util.Arrays.fill(kernel, 1f / kernel.length);
        return new java.awt.image.ConvolveOp(new java.awt.image.Kernel(size, size, kernel), java.awt.image.ConvolveOp.EDGE_NO_OP, null);
    }

    private static Reason reason(byte[] image, FaceScanner.Limits limits) {
        try (FaceScanner limited = limits == FaceScanner.Limits.DEFAULT ? null : new FaceScanner(limits, 1)) {
            FaceScanner used = limited == null ? scanner : limited;
            return assertThrows(FaceScanException.class, () -> used.scan(image, OffsetDateTime.now())).reason();
        }
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}

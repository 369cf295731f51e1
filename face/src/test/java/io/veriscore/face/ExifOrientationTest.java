package io.veriscore.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A phone's way of storing a portrait: the pixels as the sensor saw them, the turn in EXIF. */
class ExifOrientationTest {

    @Test
    void aJpegStoredSidewaysIsTurnedUprightBeforeTheFaceIsSought() throws IOException {
        byte[] upright = TestSet.bytes("astronaut.jpg");
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(upright));
        byte[] sideways = jpeg(turnCounterClockwise(original)); // what the sensor stored
        byte[] withExif = withOrientation(sideways, 6); // "turn 90 degrees clockwise to show"
        assertEquals(6, ExifOrientation.of(withExif));
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(sideways));

        try (FaceScanner scanner = new FaceScanner(FaceScanner.Limits.DEFAULT, 1)) {
            FaceScan expected = scanner.scan(upright, OffsetDateTime.now());
            FaceScan turned = scanner.scan(withExif, OffsetDateTime.now());
            assertEquals(original.getWidth(), turned.imageWidth());
            assertTrue(Math.abs(expected.box().x() - turned.box().x()) < 4 && Math.abs(expected.box().y() - turned.box().y()) < 4,
                    expected.box() + " vs " + turned.box());
        }
    }

    @Test
    void everyOrientationMapsTheStoredCornersWhereExifSays() {
        // Stored 3 x 2: a b c / d e f
        RgbImage stored = new RgbImage(3, 2, new int[] {'a', 'b', 'c', 'd', 'e', 'f'});
        assertArrayEquals(new int[] {'a', 'b', 'c', 'd', 'e', 'f'}, ExifOrientation.apply(stored, 1).pixels());
        assertArrayEquals(new int[] {'c', 'b', 'a', 'f', 'e', 'd'}, ExifOrientation.apply(stored, 2).pixels());
        assertArrayEquals(new int[] {'f', 'e', 'd', 'c', 'b', 'a'}, ExifOrientation.apply(stored, 3).pixels());
        assertArrayEquals(new int[] {'d', 'e', 'f', 'a', 'b', 'c'}, ExifOrientation.apply(stored, 4).pixels());
        assertArrayEquals(new int[] {'a', 'd', 'b', 'e', 'c', 'f'}, ExifOrientation.apply(stored, 5).pixels());
        assertArrayEquals(new int[] {'d', 'a', 'e', 'b', 'f', 'c'}, ExifOrientation.apply(stored, 6).pixels());
        assertArrayEquals(new int[] {'f', 'c', 'e', 'b', 'd', 'a'}, ExifOrientation.apply(stored, 7).pixels());
        assertArrayEquals(new int[] {'c', 'f', 'b', 'e', 'a', 'd'}, ExifOrientation.apply(stored, 8).pixels());
        assertEquals(2, ExifOrientation.apply(stored, 6).width());
    }

    @Test
    void aMalformedExifBlockIsIgnored() throws IOException {
        byte[] jpeg = TestSet.bytes("astronaut.jpg");
        byte[] broken = withApp1(jpeg, new byte[] {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, (byte) 0xff, 0x7f, 0, 0});
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(broken));
    }

    private static BufferedImage turnCounterClockwise(BufferedImage image) {
        BufferedImage turned = new BufferedImage(image.getHeight(), image.getWidth(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                turned.setRGB(y, image.getWidth() - 1 - x, image.getRGB(x, y));
            }
        }
        return turned;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** The JPEG with an APP1 "Exif" segment holding one IFD0 entry: the orientation (little-endian TIFF). */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8); // header, IFD0 at 8
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        return withApp1(jpeg, tiff.array());
    }

    private static byte[] withApp1(byte[] jpeg, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xff);
        out.write(0xe1);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xff);
        out.write(payload, 0, payload.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}

package io.veriscore.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veriscore.face.FaceScanException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Images are decoded only into memory reserved from their headers: a small file that decodes huge cannot exhaust the heap. */
class DecodeMemoryTest {

    private static final FaceScanner.Limits LIMITS = FaceScanner.Limits.DEFAULT;

    @Test
    void anImageThatNeedsMoreThanTheWholeBudgetIsTooLarge() throws IOException {
        byte[] png = blankPng(2000, 2000, true); // 16-bit RGBA: 8 bytes of samples + 4 of ARGB per pixel = 48 MB
        assertTrue(png.length < 200_000, "a small file: " + png.length);
        try (FaceScanner scanner = new FaceScanner(LIMITS, 1, new DecodeMemory(16L << 20, Duration.ofMillis(100)))) {
            FaceScanException e = assertThrows(FaceScanException.class, () -> scanner.scan(png, OffsetDateTime.now()));
            assertEquals(Reason.IMAGE_TOO_LARGE, e.reason());
            assertTrue(e.getMessage().contains("needs about 45 MiB to decode; at most 16 MiB"), e.getMessage());
        }
    }

    @Test
    void anImageWaitsForItsShareAndIsTurnedAwayWhenItIsTaken() throws IOException {
        byte[] png = blankPng(2000, 2000, true);
        DecodeMemory memory = new DecodeMemory(64L << 20, Duration.ofMillis(200));
        try (FaceScanner scanner = new FaceScanner(LIMITS, 1, memory)) {
            DecodeMemory.Lease other = memory.reserve(40L << 20, "another image");
            FaceScanException busy = assertThrows(FaceScanException.class, () -> scanner.scan(png, OffsetDateTime.now()));
            assertEquals(Reason.DECODER_BUSY, busy.reason());
            other.close();
            FaceScanException decoded = assertThrows(FaceScanException.class, () -> scanner.scan(png, OffsetDateTime.now()));
            assertEquals(Reason.NO_FACE, decoded.reason(), "decoded once the memory was free: " + decoded.getMessage());
            memory.reserve(64L << 20, "everything").close(); // the scans gave all of it back
        }
    }

    @Test
    void eightBitImagesReserveLess() throws IOException {
        byte[] png = blankPng(2000, 2000, false); // 8-bit RGB: 3 + 4 bytes per pixel = 28 MB
        try (FaceScanner scanner = new FaceScanner(LIMITS, 1, new DecodeMemory(32L << 20, Duration.ofMillis(100)))) {
            assertEquals(Reason.NO_FACE, assertThrows(FaceScanException.class, () -> scanner.scan(png, OffsetDateTime.now())).reason());
        }
    }

    /** A PNG of one grey level: tiny as a file, {@code width x height} pixels once decoded. */
    static byte[] blankPng(int width, int height, boolean sixteenBitRgba) throws IOException {
        int bytesPerPixel = sixteenBitRgba ? 8 : 3;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat, new Deflater(9))) {
            byte[] row = new byte[1 + width * bytesPerPixel];
            java.util.Arrays.fill(row, 1, row.length, (byte) 0x80);
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) (sixteenBitRgba ? 16 : 8)).put((byte) (sixteenBitRgba ? 6 : 2)).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] kind = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(kind);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(kind);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}

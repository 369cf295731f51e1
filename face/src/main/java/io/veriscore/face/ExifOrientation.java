package io.veriscore.face;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 of IFD0 in its APP1 "Exif" segment): how the camera held the sensor.
 * Phones store pictures as the sensor saw them and record the turn here; decoders that ignore it show faces sideways.
 */
final class ExifOrientation {

    static final int NORMAL = 1;
    private static final int ORIENTATION_TAG = 0x0112;

    /** 1 to 8 as EXIF numbers them; 1 when the JPEG has no orientation (or an unreadable one). */
    static int of(byte[] jpeg) {
        int at = 2; // after SOI
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
            int marker = jpeg[at + 1] & 0xff;
            int length = ((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff);
            if (marker == 0xda || length < 2) { // start of scan: no more metadata
                return NORMAL;
            }
            if (marker == 0xe1 && length >= 8 && at + 2 + length <= jpeg.length && isExif(jpeg, at + 4)) {
                return fromTiff(ByteBuffer.wrap(jpeg, at + 10, length - 8).slice());
            }
            at += 2 + length;
        }
        return NORMAL;
    }

    private static boolean isExif(byte[] jpeg, int at) {
        return jpeg[at] == 'E' && jpeg[at + 1] == 'x' && jpeg[at + 2] == 'i' && jpeg[at + 3] == 'f' && jpeg[at + 4] == 0;
    }

    private static int fromTiff(ByteBuffer tiff) {
        try {
            tiff.order(tiff.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN); // "II" or "MM"
            int ifd = tiff.getInt(4);
            int entries = tiff.getShort(ifd) & 0xffff;
            for (int i = 0; i < entries; i++) {
                int entry = ifd + 2 + 12 * i;
                if ((tiff.getShort(entry) & 0xffff) == ORIENTATION_TAG) {
                    int value = tiff.getShort(entry + 8) & 0xffff;
                    return value >= 1 && value <= 8 ? value : NORMAL;
                }
            }
        } catch (IndexOutOfBoundsException e) {
            return NORMAL; // a truncated or malformed EXIF block is ignored, as viewers do
        }
        return NORMAL;
    }

    /** The image as it should be shown: turned and mirrored as {@code orientation} says. */
    static RgbImage apply(RgbImage image, int orientation) {
        if (orientation == NORMAL) {
            return image;
        }
        boolean swap = orientation >= 5; // 5 to 8 turn by a quarter: width and height trade places
        int width = swap ? image.height() : image.width();
        int height = swap ? image.width() : image.height();
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] source = source(orientation, x, y, image.width(), image.height());
                pixels[y * width + x] = image.pixels()[source[1] * image.width() + source[0]];
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** Where the shown pixel (x, y) is stored, for each of EXIF's eight orientations. */
    private static int[] source(int orientation, int x, int y, int storedWidth, int storedHeight) {
        return switch (orientation) {
            case 2 -> new int[] {storedWidth - 1 - x, y};
            case 3 -> new int[] {storedWidth - 1 - x, storedHeight - 1 - y};
            case 4 -> new int[] {x, storedHeight - 1 - y};
            case 5 -> new int[] {y, x};
            case 6 -> new int[] {y, storedHeight - 1 - x};
            case 7 -> new int[] {storedWidth - 1 - y, storedHeight - 1 - x};
            case 8 -> new int[] {storedWidth - 1 - y, x};
            default -> new int[] {x, y};
        };
    }

    private ExifOrientation() {}
}

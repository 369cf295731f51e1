package io.veriscore.face;

import io.veriscore.face.FaceScanException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG and PNG with the JDK's Image I/O, checking the size in the header before any pixel is decoded, and turns
 * a JPEG upright as its EXIF orientation says.
 */
public final class ImageDecoder {

    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    public RgbImage decode(byte[] bytes) {
        String format = startsWith(bytes, JPEG) ? "jpeg" : startsWith(bytes, PNG) ? "png" : null;
        if (format == null) {
            throw new FaceScanException(Reason.NOT_AN_IMAGE, "the image is neither JPEG nor PNG (checked by its first bytes)");
        }
        ImageIO.setUseCache(false); // decode in memory, never through temporary files
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new FaceScanException(Reason.IMAGE_TOO_LARGE, "the image has %d x %d pixels; at most %d pixels are accepted"
                            .formatted(reader.getWidth(0), reader.getHeight(0), maxPixels));
                }
                RgbImage image = toRgb(reader.read(0));
                return format.equals("jpeg") ? ExifOrientation.apply(image, ExifOrientation.of(bytes)) : image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FaceScanException scan) {
                throw scan;
            }
            throw new FaceScanException(Reason.NOT_AN_IMAGE, "the " + format.toUpperCase() + " image cannot be decoded: "
                    + e.getMessage());
        }
    }

    private static RgbImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xffffff; // alpha is dropped: a transparent pixel keeps its colour
        }
        return new RgbImage(width, height, pixels);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

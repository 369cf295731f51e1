package io.veriscore.face;

import io.veriscore.face.FaceScanException.Reason;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG and PNG with the JDK's Image I/O, checking the size in the header before any pixel is decoded, and turns
 * a JPEG upright as its EXIF orientation says.
 */
public final class ImageDecoder {

    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Bytes a decode holds per pixel besides the reader's own samples: the ARGB copy, which the scan then keeps. */
    private static final int RGB_BYTES = 4;

    private final long maxPixels;
    private final DecodeMemory memory;

    public ImageDecoder(long maxPixels, DecodeMemory memory) {
        this.maxPixels = maxPixels;
        this.memory = memory;
    }

    /** An image decoded into memory reserved for it; close it when done with the pixels. */
    public record Decoded(RgbImage image, DecodeMemory.Lease lease) implements AutoCloseable {
        @Override
        public void close() {
            lease.close();
        }
    }

    /**
     * Decodes after reserving, from the header, the memory the decoded pixels take (width x height x the bytes per
     * pixel of the reader's samples, plus the ARGB copy): a 16-bit PNG costs 12 bytes per pixel, an 8-bit one 7 or 8.
     */
    public Decoded decode(byte[] bytes) {
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
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (pixels > maxPixels) {
                    throw new FaceScanException(Reason.IMAGE_TOO_LARGE, "the image has %d x %d pixels; at most %d pixels are accepted"
                            .formatted(width, height, maxPixels));
                }
                long needed = pixels * (sampleBytes(reader) + RGB_BYTES);
                DecodeMemory.Lease lease = memory.reserve(needed, "the %d x %d %s".formatted(width, height, format.toUpperCase()));
                try {
                    RgbImage image = toRgb(reader.read(0));
                    return new Decoded(format.equals("jpeg") ? ExifOrientation.apply(image, ExifOrientation.of(bytes)) : image, lease);
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    lease.close();
                    throw e;
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            if (e instanceof FaceScanException scan) {
                throw scan;
            }
            if (e instanceof OutOfMemoryError) {
                throw new FaceScanException(Reason.DECODER_BUSY, "not enough memory to decode the image now; retry shortly");
            }
            throw new FaceScanException(Reason.NOT_AN_IMAGE, "the " + format.toUpperCase() + " image cannot be decoded: "
                    + e.getMessage());
        }
    }

    /** Bytes per pixel of the samples the reader decodes into (8-bit RGB: 3; 16-bit RGBA: 8); at least 4 when unknown. */
    private static int sampleBytes(ImageReader reader) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw == null) {
            return 4;
        }
        SampleModel samples = raw.getSampleModel();
        int bits = 0;
        for (int band = 0; band < samples.getNumBands(); band++) {
            bits += Math.max(samples.getSampleSize(band), DataBuffer.getDataTypeSize(samples.getDataType()) / samples.getNumBands());
        }
        return Math.max(1, (bits + 7) / 8);
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

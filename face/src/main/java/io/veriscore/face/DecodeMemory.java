package io.veriscore.face;

import io.veriscore.face.FaceScanException.Reason;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory that images being decoded and scanned may take together, shared by every scan: each reserves what its
 * header says it needs before a pixel is decoded, so concurrent worst-case images wait or are refused instead of
 * exhausting the heap.
 */
public final class DecodeMemory {

    /** A reservation, given back when the scan is done. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private static final long KIB = 1024;

    private final Semaphore kibibytes;
    private final long totalBytes;
    private final Duration wait;

    public DecodeMemory(long totalBytes, Duration wait) {
        if (totalBytes < KIB || totalBytes / KIB > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("decode memory must be between 1 KiB and 2 TiB, got " + totalBytes);
        }
        this.kibibytes = new Semaphore((int) (totalBytes / KIB), true);
        this.totalBytes = totalBytes;
        this.wait = wait;
    }

    /** Enough for tests and tools: 512 MiB, waiting up to 2 s. */
    public static DecodeMemory standard() {
        return new DecodeMemory(512L << 20, Duration.ofSeconds(2));
    }

    /**
     * @throws FaceScanException {@link Reason#IMAGE_TOO_LARGE} when the image needs more than the whole budget,
     *     {@link Reason#DECODER_BUSY} when its share is not free within the wait
     */
    public Lease reserve(long bytes, String what) {
        if (bytes > totalBytes) {
            throw new FaceScanException(Reason.IMAGE_TOO_LARGE, "%s needs about %d MiB to decode; at most %d MiB are allowed"
                    .formatted(what, bytes >> 20, totalBytes >> 20));
        }
        int permits = (int) Math.max(1, (bytes + KIB - 1) / KIB);
        try {
            if (!kibibytes.tryAcquire(permits, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new FaceScanException(Reason.DECODER_BUSY, "the service is decoding other large images; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceScanException(Reason.DECODER_BUSY, "interrupted while waiting to decode the image; retry");
        }
        return () -> kibibytes.release(permits);
    }
}

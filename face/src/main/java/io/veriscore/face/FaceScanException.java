package io.veriscore.face;

/** An image in which no usable face can be found; {@link #reason()} says why, the message says what to do. */
public class FaceScanException extends RuntimeException {

    public enum Reason {
        NOT_AN_IMAGE,
        IMAGE_TOO_LARGE,
        NO_FACE,
        FACE_TOO_SMALL,
        FACE_BLURRED,
        FACE_UNCLEAR,
        /** Not the image's fault: the memory for decoding is taken by other images for now (503, retry). */
        DECODER_BUSY
    }

    private final Reason reason;

    public FaceScanException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

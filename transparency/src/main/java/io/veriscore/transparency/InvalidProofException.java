package io.veriscore.transparency;

/** A Merkle proof that does not prove what it claims; the message says which check failed. */
public final class InvalidProofException extends RuntimeException {

    public InvalidProofException(String message) {
        super(message);
    }
}

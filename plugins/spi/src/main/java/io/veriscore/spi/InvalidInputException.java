package io.veriscore.spi;

/**
 * Thrown by a plugin for an input it cannot score. The service answers 422 with this message.
 *
 * <p>{@code index} is the position of the input in the batch and {@code field} the offending
 * property (or {@code null} when the whole input is at fault).
 */
public class InvalidInputException extends RuntimeException {

    private final int index;
    private final String field;

    public InvalidInputException(int index, String field, String message) {
        super(message);
        this.index = index;
        this.field = field;
    }

    public int index() {
        return index;
    }

    public String field() {
        return field;
    }
}

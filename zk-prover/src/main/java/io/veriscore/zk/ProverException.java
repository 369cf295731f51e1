package io.veriscore.zk;

/** The prover could not do its work: EZKL missing, crashed, timed out or answered nonsense. */
public class ProverException extends RuntimeException {

    public ProverException(String message) {
        super(message);
    }

    public ProverException(String message, Throwable cause) {
        super(message, cause);
    }
}

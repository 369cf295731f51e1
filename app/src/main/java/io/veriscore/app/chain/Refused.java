package io.veriscore.app.chain;

/** The registry would refuse the submission (or did): a final answer, not a fault to retry. */
final class Refused extends RuntimeException {

    Refused(String reason) {
        super(reason);
    }
}

package io.veriscore.app.jobs;

import java.util.Optional;

/** Why a job's attempt failed, as it is stored and shown: the message, kept to a readable length. */
public final class FailureReason {

    static final int MAX_LENGTH = 2000;

    private FailureReason() {}

    public static String of(Throwable failure) {
        return shortened(Optional.ofNullable(failure.getMessage()).orElse(failure.getClass().getSimpleName()));
    }

    public static String shortened(String reason) {
        return reason.length() <= MAX_LENGTH ? reason : reason.substring(0, MAX_LENGTH) + "...";
    }
}

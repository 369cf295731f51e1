package io.veriscore.zk;

/** The outcome of checking a proof; {@code reason} says why an invalid one failed. */
public record Verification(boolean valid, String reason) {}

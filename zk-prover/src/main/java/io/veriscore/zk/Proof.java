package io.veriscore.zk;

/**
 * One proven evaluation.
 *
 * @param json            EZKL's proof file, as produced
 * @param inputCommitment the Poseidon commitment to the private input (public instance), 32-byte hex
 * @param outputInstance  the quantized score (public instance), 32-byte little-endian hex
 * @param score           the score the proof states, dequantized
 */
public record Proof(String json, String inputCommitment, String outputInstance, double score, String ezklVersion) {}

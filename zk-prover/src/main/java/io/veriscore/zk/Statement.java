package io.veriscore.zk;

import java.math.BigInteger;
import java.util.List;

/**
 * What a proof states about one result (one row of its circuit): the commitment to the input and the logit. The
 * score is sigmoid(logit), applied in public; the label is exactly the logit's sign.
 *
 * @param inputCommitment the Poseidon commitment to the private input and its salt (public instance), 32-byte
 *                        little-endian hex
 * @param outputInstance  the quantized logit (public instance), 32-byte little-endian hex; a negative logit z is the
 *                        field element p - |z|
 * @param logit           the signed output instance divided by 2^outputScale
 */
public record Statement(String inputCommitment, String outputInstance, double logit) {

    /** The score stated: sigmoid(logit). */
    public double score() {
        return 1 / (1 + Math.exp(-logit));
    }

    /** Whether the positive class (stressed) is stated: logit >= 0, that is score >= 0.5, decided exactly. */
    public boolean positive() {
        return logit >= 0;
    }

    /** The row's two public instances (input commitment, logit) as field elements. */
    public List<BigInteger> instances() {
        return List.of(ProofFile.felt(inputCommitment), ProofFile.felt(outputInstance));
    }

    /** The logit as an integer at 2^outputScale, as the ScoreRegistry keeps it (a signed int128). */
    public BigInteger quantizedLogit() {
        return ProofFile.signed(ProofFile.felt(outputInstance));
    }
}

package io.veriscore.transparency;

import java.util.HexFormat;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion and consistency proofs, trusting nothing but the roots it is given. Every length is
 * checked exactly: a proof with a node too many or too few fails, as does any wrong index, size, root or bit.
 */
public final class MerkleProofs {

    private MerkleProofs() {}

    /** Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves with root {@code root}. */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        byte[] computed = rootFromInclusionProof(index, size, leafHash, proof);
        requireEqual(root, computed, "the inclusion proof leads to root %s, not %s");
    }

    /** The root that an inclusion proof leads to; fails when the proof cannot belong to that index and size. */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || index >= size) {
            throw new InvalidProofException("leaf index " + index + " is not in a tree of size " + size);
        }
        requireHash(leafHash, "leaf hash");
        int inner = innerProofSize(index, size);
        int border = Long.bitCount(index >>> inner);
        requireLength(proof, inner + border);
        byte[] hash = chainInner(leafHash, proof.subList(0, inner), index);
        return chainBorderRight(hash, proof.subList(inner, proof.size()));
    }

    /** Checks that the tree of {@code size2} leaves (root {@code root2}) extends that of {@code size1} (root {@code root1}). */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        if (size1 < 0 || size2 < size1) {
            throw new InvalidProofException("a tree of size " + size2 + " cannot extend one of size " + size1);
        }
        if (size1 == 0) { // the empty tree is a prefix of every tree, but only the empty tree has size 0
            requireEqual(Merkle.emptyRoot(), root1, "a tree of size 0 has the empty root, not %s (expected %s)");
        }
        if (size1 == size2) {
            requireLength(proof, 0);
            requireEqual(root2, root1, "equal sizes need equal roots: %s and %s");
            return;
        }
        if (size1 == 0) {
            requireLength(proof, 0);
            return;
        }
        if (proof.isEmpty()) {
            throw new InvalidProofException("a consistency proof between different non-empty sizes cannot be empty");
        }
        int inner = innerProofSize(size1 - 1, size2);
        int border = Long.bitCount((size1 - 1) >>> inner);
        int shift = Long.numberOfTrailingZeros(size1);
        inner -= shift;
        // The proof starts with the root of the subtree that the first tree's last leaf completes, unless that
        // subtree is the whole first tree: then the first root itself is the seed.
        boolean wholeFirstTree = size1 == 1L << shift;
        byte[] seed = wholeFirstTree ? root1 : proof.get(0);
        List<byte[]> rest = wholeFirstTree ? proof : proof.subList(1, proof.size());
        requireLength(rest, inner + border);
        requireHash(seed, "proof node");
        long mask = (size1 - 1) >>> shift;
        List<byte[]> innerPart = rest.subList(0, inner);
        List<byte[]> borderPart = rest.subList(inner, rest.size());
        requireEqual(root1, chainBorderRight(chainInnerRight(seed, innerPart, mask), borderPart),
                "the consistency proof leads to first root %s, not %s");
        requireEqual(root2, chainBorderRight(chainInner(seed, innerPart, mask), borderPart),
                "the consistency proof leads to second root %s, not %s");
    }

    /** How many proof nodes lie below the point where the leaf's path and the tree's right border meet. */
    private static int innerProofSize(long index, long size) {
        return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    }

    private static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            byte[] node = requireHash(proof.get(i), "proof node");
            seed = ((index >>> i) & 1) == 0 ? Merkle.nodeHash(seed, node) : Merkle.nodeHash(node, seed);
        }
        return seed;
    }

    /** Like {@link #chainInner} but only the nodes left of the path: they alone make up the older tree. */
    private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
        for (int i = 0; i < proof.size(); i++) {
            byte[] node = requireHash(proof.get(i), "proof node");
            if (((index >>> i) & 1) == 1) {
                seed = Merkle.nodeHash(node, seed);
            }
        }
        return seed;
    }

    private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
        for (byte[] node : proof) {
            seed = Merkle.nodeHash(requireHash(node, "proof node"), seed);
        }
        return seed;
    }

    private static void requireLength(List<byte[]> proof, int expected) {
        if (proof.size() != expected) {
            throw new InvalidProofException("the proof has " + proof.size() + " nodes; this index and size need " + expected);
        }
    }

    private static byte[] requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != Merkle.HASH_SIZE) {
            throw new InvalidProofException("a " + what + " must be " + Merkle.HASH_SIZE + " bytes");
        }
        return hash;
    }

    private static void requireEqual(byte[] expected, byte[] actual, String message) {
        if (!java.security.MessageDigest.isEqual(expected, actual)) {
            throw new InvalidProofException(message.formatted(hex(actual), hex(expected)));
        }
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "null" : HexFormat.of().formatHex(bytes);
    }
}

package io.veriscore.transparency;

import java.util.ArrayList;
import java.util.List;

/**
 * Roots, inclusion proofs and consistency proofs (RFC 9162, section 2.1) of a log at any size it has had, computed
 * from the hashes of its complete subtrees: O(log n) node reads each, however large the log.
 */
public final class MerkleTree {

    private final NodeSource nodes;

    public MerkleTree(NodeSource nodes) {
        this.nodes = nodes;
    }

    /** The root of the log's first {@code size} leaves. */
    public byte[] root(long size) {
        requireSize(size);
        return size == 0 ? Merkle.emptyRoot() : hash(0, size);
    }

    /** The audit path of leaf {@code index} in the tree of the first {@code size} leaves, leaf side first. */
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, proof);
        return proof;
    }

    /** The proof that the tree of {@code size2} leaves extends the tree of its first {@code size1} leaves. */
    public List<byte[]> consistencyProof(long size1, long size2) {
        if (size1 < 0 || size1 > size2) {
            throw new IllegalArgumentException("no consistency proof from size " + size1 + " to size " + size2);
        }
        List<byte[]> proof = new ArrayList<>();
        if (size1 > 0 && size1 < size2) {
            subproof(size1, 0, size2, true, proof);
        }
        return proof;
    }

    /** PATH(m, D[from:to]) of RFC 9162 2.1.3.1, with m relative to {@code from}. */
    private void path(long m, long from, long to, List<byte[]> proof) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = Merkle.split(n);
        if (m < k) {
            path(m, from, from + k, proof);
            proof.add(hash(from + k, to));
        } else {
            path(m - k, from + k, to, proof);
            proof.add(hash(from, from + k));
        }
    }

    /** SUBPROOF(m, D[from:to], whole) of RFC 9162 2.1.4.1. */
    private void subproof(long m, long from, long to, boolean whole, List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!whole) {
                proof.add(hash(from, to));
            }
            return;
        }
        long k = Merkle.split(n);
        if (m <= k) {
            subproof(m, from, from + k, whole, proof);
            proof.add(hash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, proof);
            proof.add(hash(from, from + k));
        }
    }

    /** MTH(D[from:to]); the recursion above only asks for ranges whose start is aligned to their split. */
    private byte[] hash(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1) {
            return nodes.node(Long.numberOfTrailingZeros(n), from / n);
        }
        long k = Merkle.split(n);
        return Merkle.nodeHash(hash(from, from + k), hash(from + k, to));
    }

    private static void requireSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree size cannot be negative: " + size);
        }
    }
}

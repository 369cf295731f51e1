package io.veriscore.transparency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proofs generated from complete subtrees: RFC 6962's known answers, and every proof up to 70 leaves verifies. */
class MerkleTreeTest {

    @Test
    void generatesTheKnownRootsAndProofs() {
        MemoryTree nodes = new MemoryTree();
        MerkleProofsTest.LEAVES.forEach(leaf -> nodes.append(Merkle.leafHash(leaf)));
        MerkleTree tree = new MerkleTree(nodes);
        assertArrayEquals(Merkle.emptyRoot(), tree.root(0));
        for (int size = 1; size <= 8; size++) {
            assertArrayEquals(MerkleProofsTest.ROOTS.get(size - 1), tree.root(size), "root of " + size);
        }
        for (MerkleProofsTest.Inclusion v : MerkleProofsTest.INCLUSIONS) {
            assertEquals(hex(v.proof()), hex(tree.inclusionProof(v.leaf() - 1, v.size())), "path of " + v);
        }
        for (MerkleProofsTest.Consistency v : MerkleProofsTest.CONSISTENCIES) {
            assertEquals(hex(v.proof()), hex(tree.consistencyProof(v.size1(), v.size2())), "proof of " + v);
        }
    }

    @Test
    void everyProofOfEverySmallTreeVerifiesAndMatchesTheNaiveRoot() {
        int leaves = 70;
        MemoryTree nodes = new MemoryTree();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            byte[] hash = Merkle.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            hashes.add(hash);
            nodes.append(hash);
        }
        MerkleTree tree = new MerkleTree(nodes);
        for (int size = 1; size <= leaves; size++) {
            byte[] root = tree.root(size);
            assertArrayEquals(naiveRoot(hashes.subList(0, size)), root, "root of " + size);
            for (int index = 0; index < size; index++) {
                MerkleProofs.verifyInclusion(index, size, hashes.get(index), tree.inclusionProof(index, size), root);
            }
            for (int size1 = 0; size1 <= size; size1++) {
                MerkleProofs.verifyConsistency(size1, size, tree.consistencyProof(size1, size), tree.root(size1), root);
            }
        }
    }

    @Test
    void refusesImpossibleRequests() {
        MemoryTree nodes = new MemoryTree();
        nodes.append(Merkle.leafHash(new byte[] {1}));
        MerkleTree tree = new MerkleTree(nodes);
        assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(1, 1));
        assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(2, 1));
        assertThrows(IllegalArgumentException.class, () -> tree.root(2));
    }

    /** MTH of RFC 9162 2.1.1, straight from its definition. */
    private static byte[] naiveRoot(List<byte[]> leafHashes) {
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return Merkle.nodeHash(naiveRoot(leafHashes.subList(0, k)), naiveRoot(leafHashes.subList(k, leafHashes.size())));
    }

    private static List<String> hex(List<byte[]> proof) {
        return proof.stream().map(HexFormat.of()::formatHex).toList();
    }
}

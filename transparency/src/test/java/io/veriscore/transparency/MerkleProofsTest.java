package io.veriscore.transparency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Known answers and corrupted-proof probes of RFC 6962's test data, as transparency-dev/merkle's
 * {@code proof/verify_test.go} uses them: every valid proof verifies, every probe fails.
 */
class MerkleProofsTest {

    static final byte[] SOME_HASH = h("abacaba000000000000000000000000000000000000000000060061e00123456");
    static final byte[] EMPTY_TREE = h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    /** Leaf data of the eight-leaf test tree. */
    static final List<byte[]> LEAVES = Stream.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f").map(MerkleProofsTest::h).toList();

    /** Roots of the trees of its first 1 to 8 leaves. */
    static final List<byte[]> ROOTS = Stream.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328").map(MerkleProofsTest::h).toList();

    /** leaf (1-based), tree size, audit path. */
    record Inclusion(long leaf, long size, List<byte[]> proof) {}

    static final List<Inclusion> INCLUSIONS = List.of(
            new Inclusion(1, 1, List.of()),
            new Inclusion(1, 8, hs("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Inclusion(6, 8, hs("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Inclusion(3, 3, hs("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new Inclusion(2, 5, hs("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    record Consistency(long size1, long size2, List<byte[]> proof) {}

    static final List<Consistency> CONSISTENCIES = List.of(
            new Consistency(1, 1, List.of()),
            new Consistency(1, 8, hs("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Consistency(6, 8, hs("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Consistency(2, 5, hs("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new Consistency(6, 7, hs("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    @TestFactory
    Stream<DynamicTest> knownInclusionProofsVerifyAndEveryCorruptionFails() {
        return INCLUSIONS.stream().map(v -> DynamicTest.dynamicTest("leaf " + v.leaf() + " of " + v.size(), () -> {
            long index = v.leaf() - 1;
            byte[] leaf = Merkle.leafHash(LEAVES.get((int) index));
            byte[] root = ROOTS.get((int) v.size() - 1);
            assertArrayEquals(root, MerkleProofs.rootFromInclusionProof(index, v.size(), leaf, v.proof()));
            for (InclusionProbe probe : corrupt(index, v.size(), leaf, v.proof(), root)) {
                assertThrows(InvalidProofException.class, () -> MerkleProofs.verifyInclusion(probe.index, probe.size,
                        probe.leaf, probe.proof, probe.root), probe.description);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> knownConsistencyProofsVerifyAndEveryCorruptionFails() {
        return CONSISTENCIES.stream().map(v -> DynamicTest.dynamicTest(v.size1() + " to " + v.size2(), () -> {
            byte[] root1 = ROOTS.get((int) v.size1() - 1);
            byte[] root2 = ROOTS.get((int) v.size2() - 1);
            MerkleProofs.verifyConsistency(v.size1(), v.size2(), v.proof(), root1, root2);
            if (v.proof().isEmpty()) {
                return;
            }
            for (ConsistencyProbe probe : corrupt(v.size1(), v.size2(), root1, root2, v.proof())) {
                assertThrows(InvalidProofException.class, () -> MerkleProofs.verifyConsistency(probe.size1, probe.size2,
                        probe.proof, probe.root1, probe.root2), probe.description);
            }
        }));
    }

    @Test
    void aSingleLeafTreeIsItsOwnRoot() {
        byte[] hash = Merkle.leafHash("data".getBytes(StandardCharsets.UTF_8));
        assertDoesNotThrow(() -> MerkleProofs.verifyInclusion(0, 1, hash, List.of(), hash));
        assertThrows(InvalidProofException.class, () -> MerkleProofs.verifyInclusion(0, 1, new byte[0], List.of(), hash));
        assertThrows(InvalidProofException.class, () -> MerkleProofs.verifyInclusion(0, 1, hash, List.of(), new byte[0]));
        assertThrows(InvalidProofException.class, () -> MerkleProofs.verifyInclusion(0, 1, new byte[0], List.of(), new byte[0]));
    }

    @Test
    void impossibleIndicesAndSizesFail() {
        for (long[] probe : new long[][] {{0, 0}, {1, 0}, {2, 1}}) {
            assertThrows(InvalidProofException.class,
                    () -> MerkleProofs.verifyInclusion(probe[0], probe[1], SOME_HASH, List.of(), EMPTY_TREE));
        }
    }

    @Test
    void consistencyEdgeCases() {
        byte[] root1 = "don't care 1".getBytes(StandardCharsets.UTF_8);
        byte[] root2 = "don't care 2".getBytes(StandardCharsets.UTF_8);
        List<byte[]> none = List.of();
        List<byte[]> one = List.of(EMPTY_TREE);
        // always consistent
        MerkleProofs.verifyConsistency(0, 0, none, EMPTY_TREE, EMPTY_TREE);
        MerkleProofs.verifyConsistency(0, 1, none, EMPTY_TREE, root2);
        MerkleProofs.verifyConsistency(1, 1, none, root2, root2);
        // inconsistent; a tree of size 0 has no root but the empty one (issue 15: any root1 was accepted)
        for (Object[] c : new Object[][] {{0L, 0L, root1, root1, none}, {0L, 1L, root1, root2, none}, {0L, 5L, root1, root2, none},
                {0L, 0L, root1, root2, none}, {1L, 1L, root1, root2, none}, {1L, 0L, root1, root2, none},
                {2L, 1L, root1, root2, none}, {1L, 2L, root1, root2, none}, {0L, 0L, EMPTY_TREE, root2, none},
                {1L, 1L, EMPTY_TREE, root2, none}, {0L, 0L, EMPTY_TREE, EMPTY_TREE, one}, {0L, 1L, EMPTY_TREE, EMPTY_TREE, one},
                {1L, 1L, EMPTY_TREE, EMPTY_TREE, one}}) {
            @SuppressWarnings("unchecked")
            List<byte[]> proof = (List<byte[]>) c[4];
            assertThrows(InvalidProofException.class,
                    () -> MerkleProofs.verifyConsistency((long) c[0], (long) c[1], proof, (byte[]) c[2], (byte[]) c[3]));
        }
    }

    record InclusionProbe(long index, long size, byte[] root, byte[] leaf, List<byte[]> proof, String description) {}

    record ConsistencyProbe(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof, String description) {}

    static List<InclusionProbe> corrupt(long index, long size, byte[] leaf, List<byte[]> proof, byte[] root) {
        List<InclusionProbe> probes = new ArrayList<>(List.of(
                new InclusionProbe(index - 1, size, root, leaf, proof, "index - 1"),
                new InclusionProbe(index + 1, size, root, leaf, proof, "index + 1"),
                new InclusionProbe(index ^ 2, size, root, leaf, proof, "index ^ 2"),
                new InclusionProbe(index, size * 2, root, leaf, proof, "size * 2"),
                new InclusionProbe(index, size / 2, root, leaf, proof, "size / 2"),
                new InclusionProbe(index, size, root, "WrongLeaf".getBytes(StandardCharsets.UTF_8), proof, "wrong leaf"),
                new InclusionProbe(index, size, EMPTY_TREE, leaf, proof, "empty root"),
                new InclusionProbe(index, size, SOME_HASH, leaf, proof, "random root"),
                new InclusionProbe(index, size, root, leaf, append(proof, new byte[0]), "trailing garbage"),
                new InclusionProbe(index, size, root, leaf, append(proof, root), "trailing root"),
                new InclusionProbe(index, size, root, leaf, prepend(proof, new byte[0]), "preceding garbage"),
                new InclusionProbe(index, size, root, leaf, prepend(proof, root), "preceding root")));
        for (int i = 0; i < proof.size(); i++) {
            probes.add(new InclusionProbe(index, size, root, leaf, flip(proof, i, 8), "proof[" + i + "] bit 3 flipped"));
        }
        if (!proof.isEmpty()) {
            probes.add(new InclusionProbe(index, size, root, leaf, proof.subList(0, proof.size() - 1), "removed node"));
        }
        if (proof.size() > 1) {
            List<byte[]> inserted = new ArrayList<>(List.of(proof.get(0), SOME_HASH));
            inserted.addAll(proof.subList(1, proof.size()));
            probes.add(new InclusionProbe(index, size, root, leaf, inserted, "inserted node"));
        }
        return probes;
    }

    static List<ConsistencyProbe> corrupt(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        byte[] wrong = "WrongRoot".getBytes(StandardCharsets.UTF_8);
        List<ConsistencyProbe> probes = new ArrayList<>(List.of(
                new ConsistencyProbe(size1 - 1, size2, root1, root2, proof, "size1 - 1"),
                new ConsistencyProbe(size1 + 1, size2, root1, root2, proof, "size1 + 1"),
                new ConsistencyProbe(size1 ^ 2, size2, root1, root2, proof, "size1 ^ 2"),
                new ConsistencyProbe(size1, size2 * 2, root1, root2, proof, "size2 * 2"),
                new ConsistencyProbe(size1, size2 / 2, root1, root2, proof, "size2 / 2"),
                new ConsistencyProbe(size1, size2, wrong, root2, proof, "wrong root1"),
                new ConsistencyProbe(size1, size2, root1, wrong, proof, "wrong root2"),
                new ConsistencyProbe(size1, size2, root2, root1, proof, "swapped roots"),
                new ConsistencyProbe(size1, size2, root1, root2, List.of(), "empty proof"),
                new ConsistencyProbe(size1, size2, root1, root2, append(proof, new byte[0]), "trailing garbage"),
                new ConsistencyProbe(size1, size2, root1, root2, append(proof, root1), "trailing root1"),
                new ConsistencyProbe(size1, size2, root1, root2, append(proof, root2), "trailing root2"),
                new ConsistencyProbe(size1, size2, root1, root2, prepend(proof, new byte[0]), "preceding garbage"),
                new ConsistencyProbe(size1, size2, root1, root2, prepend(proof, root1), "preceding root1"),
                new ConsistencyProbe(size1, size2, root1, root2, prepend(proof, root2), "preceding root2"),
                new ConsistencyProbe(size1, size2, root1, root2, prepend(proof, proof.get(0)), "preceding proof[0]"),
                new ConsistencyProbe(size1, size2, root1, root2, proof.subList(0, proof.size() - 1), "truncated proof")));
        for (int i = 0; i < proof.size(); i++) {
            probes.add(new ConsistencyProbe(size1, size2, root1, root2, flip(proof, i, 16), "proof[" + i + "] bit 4 flipped"));
        }
        return probes;
    }

    private static List<byte[]> flip(List<byte[]> proof, int at, int bit) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] node = copy.get(at).clone();
        node[0] ^= (byte) bit;
        copy.set(at, node);
        return copy;
    }

    private static List<byte[]> append(List<byte[]> proof, byte[] node) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.add(node);
        return copy;
    }

    private static List<byte[]> prepend(List<byte[]> proof, byte[] node) {
        List<byte[]> copy = new ArrayList<>(List.<byte[]>of(node));
        copy.addAll(proof);
        return copy;
    }

    static byte[] h(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static List<byte[]> hs(String... hex) {
        return Stream.of(hex).map(MerkleProofsTest::h).toList();
    }
}

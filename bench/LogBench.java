import io.veriscore.transparency.Merkle;
import io.veriscore.transparency.MemoryTree;
import io.veriscore.transparency.MerkleProofs;
import io.veriscore.transparency.MerkleTree;
import io.veriscore.transparency.SigningKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

/**
 * Transparency-log figures: Ed25519 signing and verification of a typical record, and, as the log grows to
 * 10^3, 10^5 and 10^6 leaves, the cost of a tree head (root + signature) and the size and cost of inclusion and
 * consistency proofs. Complete subtrees are held in memory here; the service reads them from PostgreSQL.
 */
public class LogBench {

    private static final String RECORD = """
            {"createdAt":"2026-11-23T17:02:15.337351Z","details":{},"id":"0222b656-5c48-474c-b7af-6b12ada68bac",\
            "inputSha256":"7ccb10de7c5865ddce20b1786127824012e510b2a8b7d3613fb40a2696321c0b","label":"stressed",\
            "model":{"id":"stress-mlp","sha256":"e199febb3d4093abe991e7321c74959fdc24e359145d769478a3e860ce95e744",\
            "version":"1.0.0"},"score":0.6869749426841736,"type":"inference","warnings":[]}""";

    public static void main(String[] args) {
        SigningKey key = SigningKey.generate(new SecureRandom());
        byte[] record = RECORD.getBytes(StandardCharsets.UTF_8);
        int rounds = 20_000;
        byte[] signature = null;
        for (int i = 0; i < rounds; i++) { // warm-up
            signature = key.sign(record);
            key.verifyingKey().verify(record, signature);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            signature = key.sign(record);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            if (!key.verifyingKey().verify(record, signature)) {
                throw new IllegalStateException("signature did not verify");
            }
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            Merkle.leafHash(record);
        }
        long t3 = System.nanoTime();
        System.out.printf("record of %d bytes: Ed25519 sign %.1f µs, verify %.1f µs, leaf hash %.2f µs (means of %d)%n",
                record.length, (t1 - t0) / 1e3 / rounds, (t2 - t1) / 1e3 / rounds, (t3 - t2) / 1e3 / rounds, rounds);

        MemoryTree nodes = new MemoryTree();
        MerkleTree tree = new MerkleTree(nodes);
        Random random = new Random(553);
        System.out.println("leaves     append/leaf  tree head (root+sign)  inclusion proof       consistency proof (n/2 -> n)");
        for (long target : new long[] {1_000, 100_000, 1_000_000}) {
            long start = System.nanoTime();
            long before = nodes.size();
            while (nodes.size() < target) {
                nodes.append(Merkle.leafHash(ByteBuffer.allocate(8).putLong(nodes.size()).array()));
            }
            double appendMicros = (System.nanoTime() - start) / 1e3 / (target - before);
            int reps = 2_000;
            long h0 = System.nanoTime();
            byte[] root = null;
            for (int i = 0; i < reps; i++) {
                root = tree.root(target);
                key.sign(root);
            }
            double headMicros = (System.nanoTime() - h0) / 1e3 / reps;
            long p0 = System.nanoTime();
            int inclusionNodes = 0;
            for (int i = 0; i < reps; i++) {
                long index = Math.floorMod(random.nextLong(), target);
                List<byte[]> proof = tree.inclusionProof(index, target);
                MerkleProofs.verifyInclusion(index, target, nodes.node(0, index), proof, root);
                inclusionNodes = Math.max(inclusionNodes, proof.size());
            }
            double inclusionMicros = (System.nanoTime() - p0) / 1e3 / reps;
            long c0 = System.nanoTime();
            List<byte[]> consistency = null;
            for (int i = 0; i < reps; i++) {
                consistency = tree.consistencyProof(target / 2 + 1, target);
                MerkleProofs.verifyConsistency(target / 2 + 1, target, consistency, tree.root(target / 2 + 1), root);
            }
            double consistencyMicros = (System.nanoTime() - c0) / 1e3 / reps;
            System.out.printf("%,10d  %8.2f µs  %10.1f µs          %2d nodes, %5.1f µs     %2d nodes, %5.1f µs%n", target,
                    appendMicros, headMicros, inclusionNodes, inclusionMicros, consistency.size(), consistencyMicros);
        }
        System.out.println("(proof times: generate + verify; log2 of 10^3, 10^5, 10^6 = 10.0, 16.6, 19.9)");
    }
}

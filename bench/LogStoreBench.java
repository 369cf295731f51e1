import io.veriscore.db.EmbeddedPostgres;
import io.veriscore.transparency.MemoryTree;
import io.veriscore.transparency.Merkle;
import io.veriscore.transparency.MerkleProofs;
import io.veriscore.transparency.MerkleTree;
import io.veriscore.transparency.NodeSource;
import io.veriscore.transparency.SigningKey;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * Tree heads and inclusion proofs as the service makes them: complete-subtree hashes read from PostgreSQL's
 * {@code log_node} table (embedded, same schema), one query per node, at 10^3, 10^5 and 10^6 leaves.
 */
public class LogStoreBench {

    public static void main(String[] args) throws Exception {
        SigningKey key = SigningKey.generate(new SecureRandom());
        try (EmbeddedPostgres database = EmbeddedPostgres.startTemporary();
             Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedPostgres.USER, "")) {
            connection.createStatement().execute("""
                    CREATE TABLE log_node (level smallint NOT NULL, node_index bigint NOT NULL, hash bytea NOT NULL,
                    PRIMARY KEY (level, node_index))""");
            MemoryTree memory = new MemoryTree();
            NodeSource stored = (level, index) -> read(connection, level, index);
            MerkleTree tree = new MerkleTree(stored);
            Random random = new Random(553);
            System.out.println("leaves     tree head (root from PostgreSQL + sign)   inclusion proof (read + verify)");
            for (long target : new long[] {1_000, 100_000, 1_000_000}) {
                long before = memory.size();
                while (memory.size() < target) {
                    memory.append(Merkle.leafHash(ByteBuffer.allocate(8).putLong(memory.size()).array()));
                }
                store(connection, memory, before, target);
                int reps = 500;
                byte[] root = null;
                long h0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    root = tree.root(target);
                    key.sign(root);
                }
                double head = (System.nanoTime() - h0) / 1e3 / reps;
                long p0 = System.nanoTime();
                int nodes = 0;
                for (int i = 0; i < reps; i++) {
                    long index = Math.floorMod(random.nextLong(), target);
                    List<byte[]> proof = tree.inclusionProof(index, target);
                    MerkleProofs.verifyInclusion(index, target, memory.node(0, index), proof, root);
                    nodes = Math.max(nodes, proof.size());
                }
                double inclusion = (System.nanoTime() - p0) / 1e3 / reps;
                System.out.printf("%,10d  %10.0f µs                            %2d nodes, %6.0f µs%n", target, head, nodes, inclusion);
            }
        }
    }

    /** Writes the complete subtrees that leaves [from, to) completed, as the sequencer does. */
    private static void store(Connection connection, MemoryTree memory, long from, long to) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("insert into log_node (level, node_index, hash) values (?, ?, ?)")) {
            int batch = 0;
            for (int level = 0; (to >> level) > 0; level++) {
                for (long index = from >> level; index < to >> level; index++) {
                    insert.setInt(1, level);
                    insert.setLong(2, index);
                    insert.setBytes(3, memory.node(level, index));
                    insert.addBatch();
                    if (++batch % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static byte[] read(Connection connection, int level, long index) {
        try (PreparedStatement query = connection.prepareStatement("select hash from log_node where level = ? and node_index = ?")) {
            query.setInt(1, level);
            query.setLong(2, index);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

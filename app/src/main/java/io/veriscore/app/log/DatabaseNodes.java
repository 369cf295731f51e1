package io.veriscore.app.log;

import io.veriscore.transparency.Merkle;
import io.veriscore.transparency.NodeSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The tree's complete subtrees in the {@code log_node} table, read on demand through one JDBC connection. Nodes
 * appended here are written in one batch by {@link #flush()} and served from memory until then.
 */
final class DatabaseNodes implements NodeSource {

    private final Connection connection;
    private final Map<String, byte[]> written = new HashMap<>();
    private PreparedStatement inserts;

    DatabaseNodes(Connection connection) {
        this.connection = connection;
    }

    /** Adds leaf {@code index} and every subtree it completes. */
    void append(long index, byte[] leafHash) throws SQLException {
        byte[] hash = leafHash;
        int level = 0;
        write(level, index, hash);
        while ((index & 1) == 1) {
            hash = Merkle.nodeHash(node(level, index - 1), hash);
            index >>= 1;
            level++;
            write(level, index, hash);
        }
    }

    void flush() throws SQLException {
        if (inserts != null) {
            inserts.executeBatch();
            inserts.close();
            inserts = null;
        }
    }

    @Override
    public byte[] node(int level, long index) {
        byte[] cached = written.get(level + "/" + index);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement query = connection.prepareStatement("select hash from log_node where level = ? and node_index = ?")) {
            query.setInt(1, level);
            query.setLong(2, index);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the log has no node at level " + level + ", index " + index);
                }
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the log's node " + level + "/" + index, e);
        }
    }

    private void write(int level, long index, byte[] hash) throws SQLException {
        if (inserts == null) {
            inserts = connection.prepareStatement("insert into log_node (level, node_index, hash) values (?, ?, ?)");
        }
        inserts.setInt(1, level);
        inserts.setLong(2, index);
        inserts.setBytes(3, hash);
        inserts.addBatch();
        written.put(level + "/" + index, hash);
    }
}

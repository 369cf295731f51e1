package io.veriscore.transparency;

import java.util.ArrayList;
import java.util.List;

/**
 * A log's complete subtrees held in memory, built leaf by leaf: what an offline auditor rebuilds from an export,
 * and what tests and benchmarks use. About 2n hashes for n leaves.
 */
public final class MemoryTree implements NodeSource {

    private final List<List<byte[]>> levels = new ArrayList<>();

    /** Appends a leaf hash and every subtree it completes. */
    public void append(byte[] leafHash) {
        byte[] hash = leafHash.clone();
        for (int level = 0; ; level++) {
            if (levels.size() == level) {
                levels.add(new ArrayList<>());
            }
            List<byte[]> nodes = levels.get(level);
            nodes.add(hash);
            long index = nodes.size() - 1;
            if ((index & 1) == 0) {
                return;
            }
            hash = Merkle.nodeHash(nodes.get((int) index - 1), hash);
        }
    }

    public long size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    @Override
    public byte[] node(int level, long index) {
        if (level >= levels.size() || index >= levels.get(level).size()) {
            throw new IllegalArgumentException("no complete subtree at level " + level + ", index " + index);
        }
        return levels.get(level).get((int) index);
    }
}

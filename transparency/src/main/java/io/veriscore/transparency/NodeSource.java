package io.veriscore.transparency;

/**
 * Where a log keeps the hashes of its complete subtrees. Node (level, index) covers leaves
 * [index * 2^level, (index + 1) * 2^level); level 0 holds the leaf hashes. Once written, a node never changes,
 * so a store of them is append-only too.
 */
@FunctionalInterface
public interface NodeSource {

    byte[] node(int level, long index);
}

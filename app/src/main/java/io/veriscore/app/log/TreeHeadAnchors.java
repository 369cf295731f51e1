package io.veriscore.app.log;

import java.util.Optional;

/**
 * Where the log's signed tree heads are anchored outside the service (a contract on a chain, say), so that a record's
 * inclusion can be checked against a root the service cannot take back. A feature plugs one in; without one the
 * records answer carries no anchor.
 */
public interface TreeHeadAnchors {

    /** An anchored tree head: its size and root, and where it was anchored (a chain by its EIP-155 id, a contract). */
    record Anchor(long treeSize, byte[] rootHash, long chainId, String contract, String transactionHash, Long blockNumber) {}

    /** The largest tree head anchored on the chain the service records on now. */
    Optional<Anchor> latest();
}

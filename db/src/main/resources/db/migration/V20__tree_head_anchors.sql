-- Signed tree heads of the transparency log anchored on-chain (issue 24): each through one deployment's registry,
-- at most once per tree size there. The transaction hash is unknown only for an anchor found on the chain after a
-- crash between its transaction and this row.
CREATE TABLE tree_head_anchor (
    deployment_id    bigint      NOT NULL REFERENCES chain_deployment (id),
    tree_size        bigint      NOT NULL REFERENCES tree_head (tree_size),
    tx_hash          char(66),
    block_number     bigint,
    gas_used         bigint,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, tree_size)
);
-- SELECT and INSERT for veriscore_service come with V5's default privileges.

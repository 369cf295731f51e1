-- The transparency log (RFC 9162): every stored record is signed and becomes a leaf of an append-only Merkle tree.

-- Every key that has signed anything; a rotated-out key stays here, so what it signed stays verifiable.
CREATE TABLE signing_key (
    key_id     char(64)    PRIMARY KEY, -- SHA-256 of the raw Ed25519 public key, hex
    public_key bytea       NOT NULL CHECK (length(public_key) = 32),
    created_at timestamptz NOT NULL
);

-- A signed record: a result, or the outcome of its proof. body is the RFC 8785 canonical JSON that was signed;
-- leaf_hash = SHA-256(0x00 || body).
CREATE TABLE log_entry (
    id         uuid        PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('inference', 'proof')),
    subject_id uuid        NOT NULL REFERENCES inference (id),
    body       text        NOT NULL,
    leaf_hash  bytea       NOT NULL CHECK (length(leaf_hash) = 32),
    key_id     char(64)    NOT NULL REFERENCES signing_key (key_id),
    signature  bytea       NOT NULL CHECK (length(signature) = 64),
    created_at timestamptz NOT NULL
);
CREATE INDEX log_entry_by_subject ON log_entry (subject_id);

-- Entries not yet in the tree: the sequencer's work list, the one table whose rows are deleted (once sequenced).
-- No foreign key: it would cost every request a lookup, and the sequencer joins the entry anyway.
CREATE TABLE log_queue (
    entry_id  uuid        PRIMARY KEY,
    queued_at timestamptz NOT NULL
);
CREATE INDEX log_queue_by_time ON log_queue (queued_at, entry_id);

-- The tree's leaves, in order.
CREATE TABLE log_leaf (
    leaf_index   bigint      PRIMARY KEY CHECK (leaf_index >= 0),
    entry_id     uuid        NOT NULL UNIQUE REFERENCES log_entry (id),
    sequenced_at timestamptz NOT NULL
);

-- Hashes of the tree's complete subtrees: node (level, node_index) covers leaves
-- [node_index * 2^level, (node_index + 1) * 2^level). Enough for any root or proof in O(log n) reads.
CREATE TABLE log_node (
    level      smallint NOT NULL CHECK (level >= 0 AND level < 64),
    node_index bigint   NOT NULL CHECK (node_index >= 0),
    hash       bytea    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, node_index)
);

-- Signed tree heads. The signature covers the canonical JSON {"issuedAt","rootHash","treeSize"}.
CREATE TABLE tree_head (
    tree_size bigint      PRIMARY KEY CHECK (tree_size >= 0),
    root_hash bytea       NOT NULL CHECK (length(root_hash) = 32),
    issued_at timestamptz NOT NULL,
    key_id    char(64)    NOT NULL REFERENCES signing_key (key_id),
    signature bytea       NOT NULL CHECK (length(signature) = 64)
);

-- Append-only for everyone: rows of these tables are never updated or deleted. (A superuser can disable the
-- trigger; the log's hashes and signatures then expose what was changed.)
CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['inference', 'proof_request', 'proof_event', 'proof', 'signing_key', 'log_entry',
                             'log_leaf', 'log_node', 'tree_head'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION reject_change()',
                       t || '_append_only', t);
    END LOOP;
END
$$;

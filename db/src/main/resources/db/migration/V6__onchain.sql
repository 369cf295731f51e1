-- On-chain submissions of proven results. Append-only like everything else: a submission's status is its latest event.

-- The contracts on one chain, deployed by the service on first use. A chain is its id and its genesis block: a
-- development chain started afresh has a new genesis, and gets new contracts.
CREATE TABLE chain_deployment (
    id               bigserial   PRIMARY KEY,
    chain_id         bigint      NOT NULL,
    genesis_hash     char(66)    NOT NULL,
    registry_address char(42)    NOT NULL,
    verifier_address char(42)    NOT NULL,
    account          char(42)    NOT NULL,
    created_at       timestamptz NOT NULL,
    UNIQUE (chain_id, genesis_hash, registry_address)
);

-- A model version registered with a deployment's registry: its verifying key and EZKL's verifying-key artefact.
CREATE TABLE chain_model (
    deployment_id        bigint      NOT NULL REFERENCES chain_deployment (id),
    verifying_key_sha256 char(64)    NOT NULL,
    vka_digest           char(66)    NOT NULL,
    created_at           timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, verifying_key_sha256)
);

-- A client asked for a proven result to be recorded on-chain.
CREATE TABLE chain_submission (
    id            uuid        PRIMARY KEY,
    inference_id  uuid        NOT NULL REFERENCES proof (inference_id),
    deployment_id bigint      NOT NULL REFERENCES chain_deployment (id),
    created_at    timestamptz NOT NULL
);
CREATE INDEX chain_submission_by_inference ON chain_submission (inference_id, created_at DESC);

-- The one signed transaction of a submission, stored before it is sent: after a crash it is sent again as it is
-- (same hash) or its receipt looked up, never signed anew. One nonce per account and chain.
CREATE TABLE chain_transaction (
    submission_id uuid        PRIMARY KEY REFERENCES chain_submission (id),
    deployment_id bigint      NOT NULL REFERENCES chain_deployment (id),
    account       char(42)    NOT NULL,
    nonce         bigint      NOT NULL CHECK (nonce >= 0),
    tx_hash       char(66)    NOT NULL UNIQUE,
    signed_tx     text        NOT NULL,
    created_at    timestamptz NOT NULL,
    UNIQUE (deployment_id, account, nonce)
);

-- What happened to a submission: PENDING (asked), SENT (broadcast), RETRYING (the chain could not be reached),
-- MINED (recorded, with block and gas), REVERTED (the registry refused it, with its reason), FAILED (gave up).
CREATE TABLE chain_event (
    id            bigserial   PRIMARY KEY,
    submission_id uuid        NOT NULL REFERENCES chain_submission (id),
    kind          text        NOT NULL CHECK (kind IN ('PENDING', 'SENT', 'RETRYING', 'MINED', 'REVERTED', 'FAILED')),
    attempt       integer     NOT NULL CHECK (attempt >= 0),
    tx_hash       char(66),
    block_number  bigint,
    gas_used      bigint,
    reason        text,
    created_at    timestamptz NOT NULL
);
CREATE INDEX chain_event_by_submission ON chain_event (submission_id, id DESC);

ALTER TABLE log_entry DROP CONSTRAINT log_entry_kind_check;
ALTER TABLE log_entry ADD CONSTRAINT log_entry_kind_check CHECK (kind IN ('inference', 'proof', 'onchain'));

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['chain_deployment', 'chain_model', 'chain_submission', 'chain_transaction', 'chain_event'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION reject_change()',
                t || '_append_only', t);
    END LOOP;
END
$$;

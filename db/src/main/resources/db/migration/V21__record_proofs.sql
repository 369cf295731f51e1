-- Issue 24, part 2: "Record on-chain" never sends a fast-profile proof through the reusable verifier (1.68M gas). The
-- submission proves the result again with the onchain profile (same input, same salt: the same commitment and logit)
-- and records that proof through the model's single-circuit verifier (about 654,000 gas). The proof is kept with the
-- submission, so a retried or resumed submission sends the very same proof.
CREATE TABLE record_proof (
    submission_id        uuid        PRIMARY KEY REFERENCES chain_submission (id),
    profile              text        NOT NULL,
    verifying_key_sha256 char(64)    NOT NULL,
    proof_json           text        NOT NULL,
    created_at           timestamptz NOT NULL
);

-- WAITING: for a record batch; PROVING: the submission's own proof (or its batch's) is being made.
ALTER TABLE chain_event DROP CONSTRAINT chain_event_kind_check;
ALTER TABLE chain_event ADD CONSTRAINT chain_event_kind_check
    CHECK (kind IN ('WAITING', 'PENDING', 'PROVING', 'SENT', 'RETRYING', 'MINED', 'REVERTED', 'FAILED'));

-- Requests to record fast-proven results wait (WAITING) up to veriscore.chain.batch-window to be recorded together: one
-- batch proof and one submitBatch transaction for a record batch, carried by its first member's submission (the
-- transaction and the batch proof are stored under that submission's id). The members' rows are their places in the
-- batch proof.
CREATE TABLE record_batch_member (
    submission_id uuid    PRIMARY KEY REFERENCES chain_submission (id),
    carrier_id    uuid    NOT NULL REFERENCES chain_submission (id),
    batch_row     integer NOT NULL CHECK (batch_row >= 0),
    UNIQUE (carrier_id, batch_row)
);
CREATE INDEX record_batch_member_by_carrier ON record_batch_member (carrier_id);

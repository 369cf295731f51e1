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

-- PROVING: the submission's own proof is being made.
ALTER TABLE chain_event DROP CONSTRAINT chain_event_kind_check;
ALTER TABLE chain_event ADD CONSTRAINT chain_event_kind_check
    CHECK (kind IN ('PENDING', 'PROVING', 'SENT', 'RETRYING', 'MINED', 'REVERTED', 'FAILED'));

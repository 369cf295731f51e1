-- A batch request asked to be proven: its results are proven together, up to 16 in one proof (issue 14), each result
-- in a row of its own with its own salted commitment and logit. Membership is fixed when the results are stored.
CREATE TABLE proof_batch_member (
    inference_id uuid    PRIMARY KEY REFERENCES proof_request (inference_id),
    batch_id     uuid    NOT NULL,
    batch_row    integer NOT NULL CHECK (batch_row >= 0),
    UNIQUE (batch_id, batch_row)
);
CREATE TRIGGER proof_batch_member_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON proof_batch_member
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change();

-- A proof of a batch row keeps the whole batch proof (each owner can check it alone) and names its row.
ALTER TABLE proof
    ADD COLUMN batch_id uuid,
    ADD COLUMN batch_row integer CHECK (batch_row >= 0),
    ADD CONSTRAINT proof_batch_row_with_batch CHECK ((batch_id IS NULL) = (batch_row IS NULL));

-- The ScoreRegistry's code each deployment was made with (SHA-256 of its creation code): a persisted development chain
-- that still runs an older registry (one without submitBatch, say) gets the current one deployed beside it.
ALTER TABLE chain_deployment ADD COLUMN registry_code_sha256 char(64);

-- Batch proofs get a job table and a worker pool of their own (issue 23): a batch proof takes seconds, and a client's
-- single proof must not wait behind another client's batches.
CREATE TABLE batch_proof_tasks (LIKE scheduled_tasks INCLUDING ALL);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'veriscore_service') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON batch_proof_tasks TO veriscore_service;
    END IF;
END
$$;

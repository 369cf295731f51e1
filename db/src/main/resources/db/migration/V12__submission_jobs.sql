-- On-chain submissions get a job table, and so a worker pool, of their own: a submission waiting up to two minutes for
-- its receipt no longer holds a thread that a proof could use (issue 15). Same layout as db-scheduler's scheduled_tasks.
CREATE TABLE submission_tasks (LIKE scheduled_tasks INCLUDING ALL);

INSERT INTO submission_tasks SELECT * FROM scheduled_tasks WHERE task_name = 'submit-onchain';
DELETE FROM scheduled_tasks WHERE task_name = 'submit-onchain';

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'veriscore_service') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON submission_tasks TO veriscore_service;
    END IF;
END
$$;

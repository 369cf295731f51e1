-- Batch proof jobs queued in the proofs' table by versions before V19 move to their own table: each kind of job now
-- has exactly one table (jobs.JobKind), so the proofs' scheduler no longer needs to know the batch task.
INSERT INTO batch_proof_tasks SELECT * FROM scheduled_tasks WHERE task_name = 'prove-batch' ON CONFLICT DO NOTHING;
DELETE FROM scheduled_tasks WHERE task_name = 'prove-batch';

-- A client's place in the proof queue is the number of its proofs asked for and not yet made or failed (issue 23: one
-- client's backlog must not hold another's proof behind it); counting them looks at the recent requests only.
CREATE INDEX proof_request_by_time ON proof_request (requested_at);

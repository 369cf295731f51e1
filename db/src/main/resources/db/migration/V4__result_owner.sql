-- The client credential that created a result: clients read only their own results. Results stored before
-- credentials existed have none and are visible to auditors only.
ALTER TABLE inference ADD COLUMN client text;
CREATE INDEX inference_by_client_time ON inference (client, created_at DESC, id DESC);

-- Proofs state the logit: the circuit proves the network up to its final Sigmoid, and everyone applies the sigmoid in
-- public (no lookup table in the circuit). The commitment binds a per-result salt, kept here for the result's owner.
-- Proofs made before (the score circuits) keep their rows; their new columns stay empty.
ALTER TABLE proof
    ADD COLUMN logit double precision,
    ADD COLUMN label text,
    ADD COLUMN salt text CHECK (salt ~ '^[0-9a-f]{32}$'),
    ADD COLUMN profile text,
    ADD COLUMN proven_model_sha256 text;

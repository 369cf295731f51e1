-- A model version proven with the onchain circuit profile is verified by a single-circuit verifier of its own
-- (EZKL's, its verifying key compiled in) instead of the reusable verifier and a VKA.
ALTER TABLE chain_model
    ALTER COLUMN vka_digest DROP NOT NULL,
    ADD COLUMN verifier_address char(42);

-- A transaction hash is unique on one chain, not across chains: a development chain that was genuinely replaced (a new
-- genesis, hence a new deployment) can see the very same signed transaction again (same account, nonce and calldata),
-- which the global constraint refused, so a resubmission there failed on a key collision.
ALTER TABLE chain_transaction DROP CONSTRAINT chain_transaction_tx_hash_key;
ALTER TABLE chain_transaction ADD CONSTRAINT chain_transaction_tx_hash_per_deployment UNIQUE (deployment_id, tx_hash);

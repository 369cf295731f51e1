-- A deployment is told to be on the connected chain by the block its registry was deployed in (number and hash):
-- block 0 is no identity (a development chain's genesis hash changed between restarts, issue 23), while a block
-- that holds a transaction of ours is still at its height with its hash exactly as long as the chain is the same one.
-- Null for deployments made before this migration, which are told by their registry's code at its address.
ALTER TABLE chain_deployment
    ADD COLUMN anchor_block_number bigint,
    ADD COLUMN anchor_block_hash char(66);

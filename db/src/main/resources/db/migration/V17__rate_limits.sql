-- Per-key rate limits (issue 23): Bucket4j's token buckets, one row per key, shared by every instance on the database.
CREATE TABLE rate_limit_bucket (
    id    text  PRIMARY KEY,
    state bytea
);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'veriscore_service') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_bucket TO veriscore_service;
    END IF;
END
$$;

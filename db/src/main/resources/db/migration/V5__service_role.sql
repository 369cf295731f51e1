-- The service's own database role: it reads and adds rows and never changes or removes them, except in the two
-- work lists (db-scheduler's jobs, the log's queue). Migrations run as the schema's owner instead.
-- Where the migrating user may not create roles, a database administrator creates veriscore_service (LOGIN)
-- first; this migration then only grants.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'veriscore_service') THEN
        IF (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            CREATE ROLE veriscore_service LOGIN;
        ELSE
            RAISE NOTICE 'role veriscore_service does not exist and % may not create it; grants skipped', current_user;
            RETURN;
        END IF;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO veriscore_service', current_schema());
    EXECUTE format('GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA %I TO veriscore_service', current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO veriscore_service', current_schema());
    GRANT UPDATE, DELETE ON scheduled_tasks, log_queue TO veriscore_service;
    -- Tables of later migrations: reading and adding only, unless a migration grants more.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT ON TABLES TO veriscore_service', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO veriscore_service', current_schema());
END
$$;

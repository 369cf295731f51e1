-- Zero-knowledge proofs of stored results. Like results, these rows are written once and never updated:
-- a proof's status is the latest of its events.

-- A client asked for a result to be proven; written in the transaction that stores the result.
CREATE TABLE proof_request (
    inference_id uuid        PRIMARY KEY REFERENCES inference (id),
    requested_at timestamptz NOT NULL
);

-- What happened to a proof job: an attempt started, an attempt failed and will be retried, the proof was
-- made, or the job gave up.
CREATE TABLE proof_event (
    id           bigserial   PRIMARY KEY,
    inference_id uuid        NOT NULL REFERENCES proof_request (inference_id),
    kind         text        NOT NULL CHECK (kind IN ('STARTED', 'RETRYING', 'PROVEN', 'FAILED')),
    attempt      integer     NOT NULL CHECK (attempt >= 1),
    reason       text,
    created_at   timestamptz NOT NULL
);
CREATE INDEX proof_event_by_inference ON proof_event (inference_id, id DESC);

-- A proof as EZKL produced it, with the identities of the circuit it is valid for.
CREATE TABLE proof (
    inference_id         uuid             PRIMARY KEY REFERENCES proof_request (inference_id),
    proof_json           text             NOT NULL,
    input_commitment     char(64)         NOT NULL,
    output_instance      char(64)         NOT NULL,
    score                double precision NOT NULL CHECK (score >= 0 AND score <= 1),
    ezkl_version         text             NOT NULL,
    logrows              integer          NOT NULL,
    settings_sha256      char(64)         NOT NULL,
    verifying_key_sha256 char(64)         NOT NULL,
    srs_sha256           char(64)         NOT NULL,
    development_srs      boolean          NOT NULL,
    created_at           timestamptz      NOT NULL
);

-- db-scheduler's job queue (com.github.kagkarlsson:db-scheduler, PostgreSQL schema of version 16).
CREATE TABLE scheduled_tasks (
    task_name            text        NOT NULL,
    task_instance        text        NOT NULL,
    task_data            bytea,
    execution_time       timestamptz NOT NULL,
    picked               boolean     NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint      NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

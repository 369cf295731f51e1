-- Results of model evaluations. Rows are written once and never updated.
CREATE TABLE inference (
    id            uuid             PRIMARY KEY,
    model_id      text             NOT NULL,
    model_version text             NOT NULL,
    model_sha256  char(64)         NOT NULL,
    input         jsonb            NOT NULL,
    input_sha256  char(64)         NOT NULL,
    score         double precision NOT NULL CHECK (score >= 0 AND score <= 1),
    label         text             NOT NULL,
    details       jsonb            NOT NULL,
    warnings      jsonb            NOT NULL,
    created_at    timestamptz      NOT NULL
);

-- Listing is newest first, optionally by model and label: keyset pagination on (created_at, id).
CREATE INDEX inference_by_time ON inference (created_at DESC, id DESC);
CREATE INDEX inference_by_model_time ON inference (model_id, created_at DESC, id DESC);

-- A request sent with an Idempotency-Key and the results it created: a retry gets the same results.
CREATE TABLE idempotency_record (
    idempotency_key text        PRIMARY KEY,
    request_sha256  char(64)    NOT NULL,
    batch           boolean     NOT NULL,
    inference_ids   jsonb       NOT NULL,
    created_at      timestamptz NOT NULL
);

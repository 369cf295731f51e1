-- Webhooks (issue 16): a client registers URLs; when a proof or an on-chain submission of one of its results ends, each
-- of its webhooks gets a delivery, stored in the transaction that records the end and sent by a durable job (its own
-- table and worker pool: a receiver that is down never holds a thread a proof could use).
CREATE TABLE webhook (
    id          uuid PRIMARY KEY,
    client      text        NOT NULL,
    url         text        NOT NULL,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX webhook_client ON webhook (client);

CREATE TABLE webhook_delivery (
    id            uuid PRIMARY KEY, -- the event id: the same in every attempt, for the receiver to deduplicate
    webhook_id    uuid        NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_type    text        NOT NULL,
    result_id     uuid        NOT NULL,
    body          text        NOT NULL,
    created_at    timestamptz NOT NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    last_status   integer,
    last_error    text,
    delivered_at  timestamptz,
    failed_at     timestamptz
);
CREATE INDEX webhook_delivery_webhook ON webhook_delivery (webhook_id, created_at);

CREATE TABLE webhook_tasks (LIKE scheduled_tasks INCLUDING ALL);

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'veriscore_service') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON webhook, webhook_delivery, webhook_tasks TO veriscore_service;
    END IF;
END
$$;

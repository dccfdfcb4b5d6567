-- Transactional outbox: rows are written in the same transaction as the state change they announce;
-- the relay publishes them and stamps sent_at.
CREATE TABLE IF NOT EXISTS outbox_messages (
    sequence      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id    uuid        NOT NULL UNIQUE,
    message_type  text        NOT NULL,
    payload       jsonb       NOT NULL,
    trace_parent  text        NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text        NULL
);
CREATE INDEX IF NOT EXISTS ix_outbox_unsent ON outbox_messages (sequence) WHERE sent_at IS NULL;

-- Inbox: a consumer records each message id it applied, in the transaction that applied it,
-- so a redelivered message changes state only once.
CREATE TABLE IF NOT EXISTS inbox_messages (
    consumer     text        NOT NULL,
    message_id   uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

-- Idempotency-Key: the first answer to a mutating request, replayed when the same caller repeats the key.
-- A row is reserved (completed = false) before the handler runs, so a concurrent repeat sees it in flight, and is
-- completed with the answer afterwards. Rows older than the retention (24 h) count as absent and are deleted.
CREATE TABLE IF NOT EXISTS idempotent_requests (
    org_id          uuid        NOT NULL,
    actor_id        uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    method          text        NOT NULL,
    path            text        NOT NULL,
    body_sha256     bytea       NOT NULL,
    completed       boolean     NOT NULL DEFAULT false,
    status_code     integer     NULL,
    content_type    text        NULL,
    location        text        NULL,
    response_body   bytea       NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (org_id, actor_id, idempotency_key)
);
CREATE INDEX IF NOT EXISTS ix_idempotent_requests_created ON idempotent_requests (created_at);

-- Rebuilds of an organization's read models as jobs: requested by a person, run by the rebuild worker, with progress.
-- At most one queued or running rebuild per organization.
CREATE TABLE read_model_rebuilds (
    id              uuid        PRIMARY KEY,
    org_id          uuid        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    requested_by    uuid        NOT NULL,
    requested_at    timestamptz NOT NULL,
    started_at      timestamptz NULL,
    finished_at     timestamptz NULL,
    events_total    bigint      NULL,
    events_replayed bigint      NOT NULL DEFAULT 0,
    clients         bigint      NULL,
    error           text        NULL
);
CREATE UNIQUE INDEX ux_read_model_rebuilds_active ON read_model_rebuilds (org_id) WHERE status IN ('queued', 'running');
CREATE INDEX ix_read_model_rebuilds_queued ON read_model_rebuilds (requested_at) WHERE status = 'queued';

-- Data Protection's key ring, so secrets encrypted by one process (or replica) decrypt in the next.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text        NOT NULL,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- An organization's settings of one vendor integration. Secrets are one Data Protection payload (never plain text);
-- the other values are plain JSON. No row: the integration runs on the service's configured defaults.
CREATE TABLE IF NOT EXISTS integration_settings (
    org_id            uuid        NOT NULL,
    integration       text        NOT NULL,
    enabled           boolean     NOT NULL DEFAULT true,
    plain_values      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    protected_secrets text        NULL,
    secret_names      text[]      NOT NULL DEFAULT '{}',
    sync_interval_minutes integer NULL CHECK (sync_interval_minutes BETWEEN 15 AND 10080),
    next_sync_at      timestamptz NULL,
    last_test_at      timestamptz NULL,
    last_test_ok      boolean     NULL,
    last_test_message text        NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (org_id, integration)
);
CREATE INDEX IF NOT EXISTS ix_integration_settings_next_sync ON integration_settings (next_sync_at)
    WHERE enabled AND next_sync_at IS NOT NULL;

-- One sync of one integration for one organization: a job with progress, counts and what it skipped.
CREATE TABLE IF NOT EXISTS sync_runs (
    org_id          uuid        NOT NULL,
    id              uuid        NOT NULL,
    integration     text        NOT NULL,
    trigger         text        NOT NULL CHECK (trigger IN ('manual', 'scheduled', 'sync-all', 'onboarding')),
    status          text        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    stage           text        NULL,
    items_done      integer     NOT NULL DEFAULT 0,
    items_total     integer     NULL,
    added           integer     NOT NULL DEFAULT 0,
    changed         integer     NOT NULL DEFAULT 0,
    removed         integer     NOT NULL DEFAULT 0,
    skipped         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    -- Counts per kind of record (companies, products, subscriptions, devices, ...) behind the totals above.
    breakdown       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    error           text        NULL,
    requested_by    text        NOT NULL,
    queued_at       timestamptz NOT NULL,
    started_at      timestamptz NULL,
    finished_at     timestamptz NULL,
    PRIMARY KEY (org_id, id)
);
-- One run at a time per organization and integration.
CREATE UNIQUE INDEX IF NOT EXISTS ux_sync_runs_active ON sync_runs (org_id, integration)
    WHERE status IN ('queued', 'running');
CREATE INDEX IF NOT EXISTS ix_sync_runs_queued ON sync_runs (queued_at) WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS ix_sync_runs_history ON sync_runs (org_id, integration, queued_at DESC);

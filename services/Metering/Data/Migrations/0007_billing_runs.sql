-- Billing runs: one organization's calendar month, computed in the background by the metering service. Queued runs
-- are picked up by a worker; progress counters let the page show the run while it works.
CREATE TABLE billing_runs (
    org_id         uuid        NOT NULL,
    id             uuid        NOT NULL,
    period_year    integer     NOT NULL CHECK (period_year BETWEEN 2 AND 9998),
    period_month   integer     NOT NULL CHECK (period_month BETWEEN 1 AND 12),
    status         text        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    clients_done   integer     NOT NULL DEFAULT 0,
    clients_total  integer     NOT NULL DEFAULT 0,
    buckets_done   integer     NOT NULL DEFAULT 0,
    buckets_total  integer     NOT NULL DEFAULT 0,
    requested_at   timestamptz NOT NULL,
    started_at     timestamptz NULL,
    finished_at    timestamptz NULL,
    error          text        NULL,
    -- The user or key that asked for the run.
    requested_by   uuid        NULL,
    PRIMARY KEY (org_id, id)
);

-- One queued or running run per organization and period: a second request is refused (409), not queued twice.
CREATE UNIQUE INDEX ux_billing_runs_active_period ON billing_runs (org_id, period_year, period_month)
    WHERE status IN ('queued', 'running');
CREATE INDEX ix_billing_runs_org_requested ON billing_runs (org_id, requested_at DESC);
CREATE INDEX ix_billing_runs_queued ON billing_runs (requested_at) WHERE status = 'queued';

-- What each bucket bills for a period: usage and the rounded money lines of BucketCost. Drafts are replaced by the
-- next run of the period; final rows are never touched by a run.
CREATE TABLE billing_readings (
    org_id         uuid           NOT NULL,
    id             uuid           NOT NULL,
    run_id         uuid           NOT NULL,
    client_id      uuid           NOT NULL,
    bucket_id      uuid           NOT NULL,
    -- The run's calendar month; period_start/period_end are its UTC instants in the client's time zone.
    period_year    integer        NOT NULL,
    period_month   integer        NOT NULL,
    period_start   timestamptz    NOT NULL,
    period_end     timestamptz    NOT NULL CHECK (period_end > period_start),
    usage          numeric        NOT NULL CHECK (usage >= 0),
    commit_units   numeric(18,4)  NOT NULL,
    base           numeric        NOT NULL,
    overage_units  numeric        NOT NULL,
    overage        numeric        NOT NULL,
    buffer_units   numeric        NOT NULL,
    buffer         numeric        NOT NULL,
    cost           numeric        NOT NULL,
    currency       char(3)        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status         text           NOT NULL CHECK (status IN ('draft', 'final')),
    finalized_at   timestamptz    NULL,
    computed_at    timestamptz    NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, bucket_id, period_start),
    FOREIGN KEY (org_id, run_id) REFERENCES billing_runs (org_id, id)
);

CREATE INDEX ix_billing_readings_org_period ON billing_readings (org_id, period_year, period_month, client_id);

-- Billing buckets: a client's commitment on one unit type, priced with a base for the commit and an overage per
-- unit above it. Usage comes from the bound assets' readings.
CREATE TABLE buckets (
    org_id            uuid           NOT NULL,
    id                uuid           NOT NULL,
    client_id         uuid           NOT NULL,
    name              text           NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    -- Asset source the bucket meters (e.g. 'veeam'); null takes every source.
    source_type       text           NULL CHECK (char_length(source_type) BETWEEN 1 AND 256),
    unit_type_id      uuid           NOT NULL,
    aggregation       text           NOT NULL CHECK (aggregation IN ('sum', 'max', 'avg', 'last', 'count')),
    commit_units      numeric(18,4)  NOT NULL CHECK (commit_units >= 0),
    base_price        numeric(18,4)  NOT NULL CHECK (base_price >= 0),
    overage_price     numeric(18,6)  NOT NULL CHECK (overage_price >= 0),
    currency          char(3)        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Auto-provisioned buckets start unreviewed; a person reviewing them sets this.
    reviewed          boolean        NOT NULL,
    enabled           boolean        NOT NULL DEFAULT true,
    auto_provisioned  boolean        NOT NULL,
    created_at        timestamptz    NOT NULL,
    updated_at        timestamptz    NOT NULL,
    PRIMARY KEY (org_id, id),
    -- A unit type in use by a bucket cannot be deleted.
    FOREIGN KEY (org_id, unit_type_id) REFERENCES unit_types (org_id, id)
);

CREATE INDEX ix_buckets_org_client ON buckets (org_id, client_id, lower(name), id);
CREATE INDEX ix_buckets_org_unit_type ON buckets (org_id, unit_type_id);

-- Which assets feed which bucket. An asset feeds at most one bucket per unit type (enforced by the binding
-- code under the bucket's row lock), so no usage is billed twice.
CREATE TABLE bucket_assets (
    org_id     uuid        NOT NULL,
    bucket_id  uuid        NOT NULL,
    asset_id   uuid        NOT NULL,
    bound_at   timestamptz NOT NULL,
    -- The user, key or service that bound it.
    bound_by   uuid        NOT NULL,
    PRIMARY KEY (org_id, bucket_id, asset_id),
    FOREIGN KEY (org_id, bucket_id) REFERENCES buckets (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, asset_id) REFERENCES assets (org_id, id)
);

CREATE INDEX ix_bucket_assets_org_asset ON bucket_assets (org_id, asset_id);

-- Auto-provisioning runs (nightly and on demand): progress and outcome for the UI.
CREATE TABLE provisioning_runs (
    org_id            uuid        NOT NULL,
    id                uuid        NOT NULL,
    -- 'schedule' or 'manual'.
    trigger           text        NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    status            text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    buckets_created   integer     NOT NULL DEFAULT 0,
    assets_bound      integer     NOT NULL DEFAULT 0,
    error             text        NULL,
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz NULL,
    requested_by      uuid        NULL,
    PRIMARY KEY (org_id, id)
);

CREATE INDEX ix_provisioning_runs_org_started ON provisioning_runs (org_id, started_at DESC);

-- Each bucket's usage per period as metering observes it (BucketUsageObserved), the newest version kept, and for the
-- current period its projection to the period's end (computed here: when an observation is stored and by the hourly
-- pass). A bucket's current period is its latest observed one while that is not finalized. Rebuildable from the log.
CREATE TABLE bucket_usage_observations (
    org_id            uuid        NOT NULL,
    bucket_id         uuid        NOT NULL,
    year              integer     NOT NULL,
    month             integer     NOT NULL CHECK (month BETWEEN 1 AND 12),
    version           bigint      NOT NULL,
    client_id         uuid        NOT NULL,
    client_name       text        NULL,
    bucket_name       text        NOT NULL,
    unit_type_key     text        NOT NULL,
    aggregation       text        NOT NULL CHECK (aggregation IN ('sum', 'count', 'max', 'avg', 'last')),
    enabled           boolean     NOT NULL,
    commit_units      numeric     NOT NULL CHECK (commit_units >= 0),
    base_price        numeric     NOT NULL,
    overage_price     numeric     NOT NULL,
    currency          text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    period_start      timestamptz NOT NULL,
    period_end        timestamptz NOT NULL,
    observed_at       timestamptz NOT NULL,
    usage             numeric     NOT NULL,
    -- The usage at the end of each whole day of the period before observed_at (entry 1 = end of day 1).
    daily_usage       numeric[]   NOT NULL,
    final             boolean     NOT NULL,
    -- The projection of a current period; null until computed and for finalized periods.
    projected_usage   numeric     NULL,
    projected_cost    numeric     NULL,
    percent_of_commit numeric     NULL,
    status            text        NULL CHECK (status IN ('over-commit', 'on-track')),
    method            text        NULL CHECK (method IN ('linear', 'day-of-week')),
    calculated_at     timestamptz NULL,
    PRIMARY KEY (org_id, bucket_id, year, month)
);
CREATE INDEX ix_bucket_usage_observations_final ON bucket_usage_observations (org_id, aggregation) WHERE final;

-- Buckets metering deleted (BucketRemoved): an observation of one arriving late is not stored again.
CREATE TABLE removed_buckets (
    org_id     uuid        NOT NULL,
    bucket_id  uuid        NOT NULL,
    removed_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, bucket_id)
);

-- The backtest of the organization's finalized periods per aggregation, as of the last scoring: the method current
-- periods of that aggregation are projected with.
CREATE TABLE usage_projection_methods (
    org_id        uuid        NOT NULL,
    aggregation   text        NOT NULL,
    method        text        NOT NULL CHECK (method IN ('linear', 'day-of-week')),
    calculated_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, aggregation)
);

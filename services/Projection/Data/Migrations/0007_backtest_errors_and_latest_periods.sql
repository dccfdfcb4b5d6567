-- Each finalized period's part in its organization's backtest (UsageBacktest.PeriodErrors), written with the period's
-- final observation, so choosing the methods adds these up instead of replaying every finalized period again. A row
-- goes with its observation (replaced by a newer version, deleted with the bucket or by a rebuild). `days` is the
-- Projection:Backtest:Days it was computed with; the recalculation pass computes rows of other days (or missing ones,
-- e.g. the periods finalized before this table) again.
CREATE TABLE usage_backtest_errors (
    org_id            uuid    NOT NULL,
    bucket_id         uuid    NOT NULL,
    year              integer NOT NULL,
    month             integer NOT NULL,
    -- The observation's, for a client-scoped backtest and the grouping.
    client_id         uuid    NOT NULL,
    aggregation       text    NOT NULL,
    days              integer NOT NULL CHECK (days > 0),
    -- |projected − actual| / actual × 100 of each method; null when the period is not scored (a zero final usage, or
    -- too short a period or daily series).
    linear_error      numeric NULL,
    day_of_week_error numeric NULL,
    zero_actual       boolean NOT NULL,
    PRIMARY KEY (org_id, bucket_id, year, month),
    FOREIGN KEY (org_id, bucket_id, year, month) REFERENCES bucket_usage_observations ON DELETE CASCADE,
    CHECK ((linear_error IS NULL) = (day_of_week_error IS NULL) AND NOT (zero_actual AND linear_error IS NOT NULL))
);
CREATE INDEX ix_usage_backtest_errors_aggregation ON usage_backtest_errors (org_id, aggregation);

-- Whether the row is its bucket's latest observed period (kept by the applier): the current periods are then read from
-- an index of the latest rows (UsageProjectionCalculator.LatestPeriods) instead of sorting every period of every bucket.
ALTER TABLE bucket_usage_observations ADD COLUMN latest boolean NOT NULL DEFAULT true;
UPDATE bucket_usage_observations observed SET latest = false
WHERE EXISTS (SELECT 1 FROM bucket_usage_observations later
              WHERE later.org_id = observed.org_id AND later.bucket_id = observed.bucket_id
                AND (later.year, later.month) > (observed.year, observed.month));
CREATE INDEX ix_bucket_usage_observations_latest ON bucket_usage_observations (org_id, final) WHERE latest;

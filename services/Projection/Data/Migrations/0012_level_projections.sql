-- Only a sum accumulates over a period; count (distinct reporting assets), max, avg and last are levels, projected by
-- the level method (the level seen so far), never scaled by elapsed time (docs/domain.md, Projections). Count used to
-- be extrapolated linearly: its stored backtest errors and chosen methods are dropped, so the recalculation pass (at
-- start-up and hourly) computes every level's errors again with the level method and projects its current periods.
ALTER TABLE usage_backtest_errors ADD COLUMN level_error numeric NULL;
DELETE FROM usage_backtest_errors WHERE aggregation <> 'sum';
ALTER TABLE usage_backtest_errors DROP CONSTRAINT usage_backtest_errors_check;
ALTER TABLE usage_backtest_errors ADD CONSTRAINT usage_backtest_errors_methods_check CHECK (
    (linear_error IS NULL) = (day_of_week_error IS NULL)
    AND (aggregation = 'sum' OR linear_error IS NULL)
    AND (aggregation <> 'sum' OR level_error IS NULL)
    AND NOT (zero_actual AND (linear_error IS NOT NULL OR level_error IS NOT NULL)));

DELETE FROM usage_projection_methods WHERE aggregation <> 'sum';
ALTER TABLE usage_projection_methods DROP CONSTRAINT usage_projection_methods_method_check;
ALTER TABLE usage_projection_methods ADD CONSTRAINT usage_projection_methods_method_check CHECK (
    CASE WHEN aggregation = 'sum' THEN method IN ('linear', 'day-of-week') ELSE method = 'level' END);

-- Max, avg and last were already held, which is the level method. A count's projection was scaled by time: it is
-- cleared, so no screen shows it until the recalculation projects the level.
UPDATE bucket_usage_observations SET method = 'level' WHERE aggregation IN ('max', 'avg', 'last') AND method IS NOT NULL;
UPDATE bucket_usage_observations
SET projected_usage = NULL, projected_cost = NULL, percent_of_commit = NULL, status = NULL, method = NULL,
    calculated_at = NULL
WHERE aggregation = 'count' AND method IS NOT NULL;
ALTER TABLE bucket_usage_observations DROP CONSTRAINT bucket_usage_observations_method_check;
ALTER TABLE bucket_usage_observations ADD CONSTRAINT bucket_usage_observations_method_check CHECK (
    method IS NULL OR CASE WHEN aggregation = 'sum' THEN method IN ('linear', 'day-of-week') ELSE method = 'level' END);

-- The bucket's source type as metering announces it (null: the bucket takes every source), for the dashboard's revenue
-- by source type. Observations stored before it read as every source until metering republishes them.
ALTER TABLE bucket_usage_observations ADD COLUMN source_type text NULL;

-- The Over/Under screen and the usage dashboard read one organization's finalized periods one month at a time, and the
-- current period's projections by month: both through the (org, month) of the rows they need.
CREATE INDEX ix_bucket_usage_observations_final_period
    ON bucket_usage_observations (org_id, year DESC, month DESC) WHERE final;
CREATE INDEX ix_bucket_usage_observations_current_period
    ON bucket_usage_observations (org_id, year DESC, month DESC) WHERE NOT final;
-- The currencies an organization's buckets are priced in, found by a skip scan: the lines are rounded to each one's
-- minor units.
CREATE INDEX ix_bucket_usage_observations_currency ON bucket_usage_observations (org_id, currency);

-- Reading ids are claimed per sender (one client, or the organization's own keys), so two clients may use the same
-- id: a reading is now identified by its asset, whose client is fixed for the reading's sender, as well. The key
-- leads with the asset, so it also serves the per-asset time scans the old index was for.
ALTER TABLE raw_readings DROP CONSTRAINT raw_readings_pkey;
ALTER TABLE raw_readings ADD PRIMARY KEY (org_id, asset_id, observed_at, reading_id);
DROP INDEX ix_raw_readings_asset_time;

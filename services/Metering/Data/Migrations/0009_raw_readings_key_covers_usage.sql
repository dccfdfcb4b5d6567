-- Usage (bucket lists and billing runs) aggregates each bound asset's readings of one unit type over a period. With
-- the unit type and quantity carried in the key, those are index-only range scans that read an asset's readings
-- side by side; otherwise every reading costs a heap page of its own, since readings are stored in arrival order,
-- interleaved across assets (a month of 10 million readings: ~10 million page reads instead of ~0.5 million).
-- Included columns widen the key's entries without a second index for ingest to maintain, and leave its uniqueness
-- (what redelivered batches conflict on) as it was.
ALTER TABLE raw_readings DROP CONSTRAINT raw_readings_pkey;
ALTER TABLE raw_readings ADD PRIMARY KEY (org_id, asset_id, observed_at, reading_id) INCLUDE (unit_type_key, quantity);

-- Reading ids are opaque keys compared for equality only: their b-tree needs no linguistic order, and comparing
-- bytes is cheaper than the database's collation, on every id stored (docs/benchmarks.md, "Usage ingest"). Only the
-- index is rebuilt; the values stay as they are.
ALTER TABLE stored_reading_ids ALTER COLUMN reading_id TYPE text COLLATE "C";

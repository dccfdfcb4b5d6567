-- The service runs as a role that owns nothing, and only a table's owner may add partitions to it: the function
-- that creates month partitions runs as its owner (the migrations' role), on a search path fixed to this schema so
-- that no caller can slip in objects of its own.
ALTER FUNCTION ensure_raw_readings_partition(timestamptz) SECURITY DEFINER SET search_path = public, pg_temp;

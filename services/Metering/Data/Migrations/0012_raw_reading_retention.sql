-- How long each organization keeps raw readings. NULL keep_months: every month is kept (the default). A month
-- partition is archived (detached and renamed raw_readings_archived_YYYY_MM) once every organization with readings in
-- it allows it; drop_archived_after_months, when set, drops an archive that long after it was made.
CREATE TABLE raw_reading_retention (
    org_id                     uuid        PRIMARY KEY,
    -- At least 14: the current month, the 13 before it (analytics) and a month of margin for client time zones.
    keep_months                integer     NULL CHECK (keep_months BETWEEN 14 AND 1200),
    drop_archived_after_months integer     NULL CHECK (drop_archived_after_months BETWEEN 1 AND 1200),
    updated_at                 timestamptz NOT NULL,
    updated_by                 uuid        NULL,
    CHECK (drop_archived_after_months IS NULL OR keep_months IS NOT NULL)
);

-- The months whose partition was detached: a reading of such a month must never land in a fresh partition (its id
-- would not conflict with the archived copy).
CREATE TABLE raw_reading_archives (
    month        date        PRIMARY KEY CHECK (extract(day FROM month) = 1),
    table_name   text        NOT NULL,
    -- The organizations with readings in the month when it was archived: each of them must allow the drop.
    org_ids      uuid[]      NOT NULL,
    archived_at  timestamptz NOT NULL,
    dropped_at   timestamptz NULL
);

-- The service's role owns nothing and only the table's owner may detach, rename or drop a partition: these run as
-- their owner (the migrations' role) on a fixed search path. Archiving refuses a month younger than the 14 the
-- retention keeps at least, whatever its caller decided; both wait at most a few seconds for ingest's locks, and
-- answer NULL/false when another replica got there first.
CREATE FUNCTION archive_raw_readings_partition(month_start date, org_ids uuid[]) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    partition_name text := 'raw_readings_' || to_char(month_start, 'YYYY_MM');
    archive_name text := 'raw_readings_archived_' || to_char(month_start, 'YYYY_MM');
BEGIN
    IF month_start <> date_trunc('month', month_start)
       OR month_start + interval '1 month' > date_trunc('month', now() AT TIME ZONE 'UTC') - interval '14 months' THEN
        RAISE EXCEPTION 'raw readings of % are within the 14 months always kept', month_start
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('raw_readings_partition'));
    IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                   WHERE i.inhparent = 'raw_readings'::regclass AND c.relname = partition_name) THEN
        RETURN NULL;
    END IF;
    SET LOCAL lock_timeout = '5s';
    EXECUTE format('ALTER TABLE raw_readings DETACH PARTITION %I', partition_name);
    EXECUTE format('ALTER TABLE %I RENAME TO %I', partition_name, archive_name);
    INSERT INTO raw_reading_archives (month, table_name, org_ids, archived_at)
    VALUES (month_start, archive_name, org_ids, now());
    RETURN archive_name;
END;
$$;

CREATE FUNCTION drop_archived_raw_readings(month_start date) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    archive_name text;
BEGIN
    SELECT table_name INTO archive_name FROM raw_reading_archives
    WHERE month = month_start AND dropped_at IS NULL FOR UPDATE;
    IF archive_name IS NULL THEN
        RETURN false;
    END IF;
    SET LOCAL lock_timeout = '5s';
    EXECUTE format('DROP TABLE IF EXISTS %I', archive_name);
    UPDATE raw_reading_archives SET dropped_at = now() WHERE month = month_start;
    RETURN true;
END;
$$;

-- A month that was archived is never created again: a reading for it fails loudly (its batch goes to the error
-- queue) instead of being stored a second time beside its archived copy. Ingestion refuses readings older than 400
-- days, so with the 14 months kept at least this takes an Ingest:Retention raised beyond them.
CREATE OR REPLACE FUNCTION ensure_raw_readings_partition(instant timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    month_start timestamptz := date_trunc('month', instant AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    partition_name text := 'raw_readings_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM raw_reading_archives WHERE month = (month_start AT TIME ZONE 'UTC')::date) THEN
        RAISE EXCEPTION 'raw readings of % are archived; a reading observed then cannot be stored',
            to_char(month_start AT TIME ZONE 'UTC', 'YYYY-MM') USING ERRCODE = 'check_violation';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('raw_readings_partition'));
    EXECUTE format(
        'CREATE TABLE IF NOT EXISTS %I PARTITION OF raw_readings FOR VALUES FROM (%L) TO (%L)',
        partition_name, month_start, month_start + interval '1 month');
END;
$$;

-- Clients as the subscription service announces them (ClientUpserted): names for lists, time zones for periods.
CREATE TABLE clients (
    org_id     uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    name       text        NOT NULL,
    enabled    boolean     NOT NULL,
    time_zone  text        NOT NULL,
    -- The event's version: an older event never overwrites a newer one.
    version    bigint      NOT NULL,
    PRIMARY KEY (org_id, client_id)
);

-- Assets: anything that reports usage, discovered from readings and unique by (org, source, external id).
CREATE TABLE assets (
    org_id           uuid        NOT NULL,
    id               uuid        NOT NULL,
    source           text        NOT NULL CHECK (char_length(source) BETWEEN 1 AND 256),
    external_id      text        NOT NULL CHECK (char_length(external_id) BETWEEN 1 AND 256),
    -- Display name set by a person; lists fall back to the external id.
    name             text        NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    -- Description of the most recent reading that carried one.
    description      text        NULL,
    client_id        uuid        NULL,
    -- How the client was set: by the client-scoped key that sent the readings, an assignment rule, or a person.
    assigned_by      text        NULL CHECK (assigned_by IN ('key', 'rule', 'manual')),
    acknowledged_at  timestamptz NULL,
    enabled          boolean     NOT NULL DEFAULT true,
    -- Disregarded assets are hidden and excluded from billing; their readings stay.
    disregarded_at   timestamptz NULL,
    first_seen_at    timestamptz NOT NULL,
    -- Latest observed_at of its readings (not the receipt time).
    last_seen_at     timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (org_id, id),
    CHECK ((client_id IS NULL) = (assigned_by IS NULL))
);

CREATE UNIQUE INDEX ux_assets_org_source_external ON assets (org_id, source, external_id);
CREATE INDEX ix_assets_org_last_seen ON assets (org_id, last_seen_at DESC, id);
CREATE INDEX ix_assets_org_client ON assets (org_id, client_id);

-- Which unit types each asset reports: an asset is unbound while one of them has no bucket binding.
CREATE TABLE asset_unit_types (
    org_id         uuid        NOT NULL,
    asset_id       uuid        NOT NULL,
    unit_type_key  text        NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    PRIMARY KEY (org_id, asset_id, unit_type_key),
    FOREIGN KEY (org_id, asset_id) REFERENCES assets (org_id, id)
);

CREATE INDEX ix_asset_unit_types_org_key ON asset_unit_types (org_id, unit_type_key);

-- Assignment rules: a new, unassigned asset whose source or external id matches the glob goes to the client.
-- The oldest matching rule wins.
CREATE TABLE asset_assignment_rules (
    org_id      uuid        NOT NULL,
    id          uuid        NOT NULL,
    pattern     text        NOT NULL CHECK (char_length(pattern) BETWEEN 1 AND 200),
    target      text        NOT NULL CHECK (target IN ('asset-id', 'source')),
    client_id   uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  uuid        NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE INDEX ix_asset_assignment_rules_org_created ON asset_assignment_rules (org_id, created_at, id);

-- Raw readings, partitioned by calendar month (UTC) of observed_at; partitions are created on demand by
-- ensure_raw_readings_partition. Ingestion guarantees one payload per reading id, and a reading's observed_at
-- is part of its payload, so (org_id, observed_at, reading_id) is unique exactly when reading_id is: the key
-- a partitioned table can enforce, and what redelivered batches conflict on.
CREATE TABLE raw_readings (
    org_id         uuid           NOT NULL,
    observed_at    timestamptz    NOT NULL,
    reading_id     text           NOT NULL,
    asset_id       uuid           NOT NULL,
    unit_type_key  text           NOT NULL,
    quantity       numeric(20,6)  NOT NULL CHECK (quantity >= 0),
    description    text           NULL,
    received_at    timestamptz    NOT NULL,
    batch_id       uuid           NOT NULL,
    -- Received after the billing period (calendar month in the client's time zone, UTC when unassigned) of
    -- observed_at had ended: billing turns it into an adjustment of the next run.
    late           boolean        NOT NULL,
    PRIMARY KEY (org_id, observed_at, reading_id)
) PARTITION BY RANGE (observed_at);

-- Usage per asset over a window (sparklines, bucket usage).
CREATE INDEX ix_raw_readings_asset_time ON raw_readings (org_id, asset_id, observed_at);
-- Cheap time-range scans over append-mostly data.
CREATE INDEX ix_raw_readings_observed_brin ON raw_readings USING brin (observed_at);

-- Creates the month partition holding the given instant if it does not exist yet. The advisory lock keeps two
-- writers from racing on CREATE (IF NOT EXISTS does not make concurrent creation safe).
CREATE FUNCTION ensure_raw_readings_partition(instant timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamptz := date_trunc('month', instant AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    partition_name text := 'raw_readings_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('raw_readings_partition'));
    EXECUTE format(
        'CREATE TABLE IF NOT EXISTS %I PARTITION OF raw_readings FOR VALUES FROM (%L) TO (%L)',
        partition_name, month_start, month_start + interval '1 month');
END;
$$;

-- Metering's unit types as its UnitTypeChanged events announce them: the keys a reading may name.
-- Deleted unit types stay as tombstones so that an older event arriving late cannot bring a key back.
CREATE TABLE unit_type_keys (
    org_id        uuid        NOT NULL,
    unit_type_id  uuid        NOT NULL,
    key           text        NOT NULL,
    deleted       boolean     NOT NULL,
    -- The event's ChangedAt: a row only ever moves forward in time.
    changed_at    timestamptz NOT NULL,
    PRIMARY KEY (org_id, unit_type_id)
);

-- Every ingest call reads the organization's live keys.
CREATE INDEX ix_unit_type_keys_org_live ON unit_type_keys (org_id, key) WHERE NOT deleted;

-- Idempotency keys: one row per accepted reading id. A reading arriving again with the same id is a duplicate
-- (same fingerprint) or a conflict (another fingerprint); the first reading is the one kept.
CREATE TABLE ingested_readings (
    org_id       uuid        NOT NULL,
    reading_id   text        NOT NULL,
    -- SHA-256 of the reading's canonical payload (ReadingFingerprint).
    fingerprint  bytea       NOT NULL CHECK (octet_length(fingerprint) = 32),
    -- The ingest call that accepted it (UsageReadingsAccepted.BatchId).
    batch_id     uuid        NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, reading_id)
);

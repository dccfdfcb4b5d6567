-- The client each asset belongs to, as metering's AssetDiscovered and AssetClientChanged events announce it: a
-- client-scoped key may send readings only for its own client's assets, or for assets never seen before (metering
-- gives those to the key's client).
CREATE TABLE asset_clients (
    org_id       uuid        NOT NULL,
    source       text        NOT NULL,
    external_id  text        NOT NULL,
    asset_id     uuid        NOT NULL,
    client_id    uuid        NULL,
    -- When the client was last set: an older event arriving late cannot undo a newer change.
    changed_at   timestamptz NOT NULL,
    PRIMARY KEY (org_id, source, external_id)
);

-- Reading ids are claimed per sender: per client for client-scoped keys, per organization (the nil uuid) for
-- organization-wide keys, so one client can never claim an id another client's reading uses. Ids claimed before
-- this change stay with the organization.
ALTER TABLE ingested_readings
    ADD COLUMN client_scope uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
ALTER TABLE ingested_readings ALTER COLUMN client_scope DROP DEFAULT;
ALTER TABLE ingested_readings DROP CONSTRAINT ingested_readings_pkey;
ALTER TABLE ingested_readings ADD PRIMARY KEY (org_id, client_scope, reading_id);

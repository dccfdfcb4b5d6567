-- Reading ids are the senders' idempotency keys, enforced where the reading is stored (docs/domain.md, "Readings and
-- assets"): one row per stored reading, keyed per sender — the client of a client-scoped key, or the nil uuid for the
-- organization's own keys — and pointing at the raw reading it stands for, so that a repeat can be compared with
-- what was kept. Ingestion claimed ids in its own database before; its keys are not carried over: a reading sent
-- again as it was still meets its raw reading's primary key (same asset, time and id).
CREATE TABLE stored_reading_ids (
    org_id       uuid        NOT NULL,
    sender       uuid        NOT NULL,
    reading_id   text        NOT NULL,
    asset_id     uuid        NOT NULL,
    observed_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, sender, reading_id)
);
-- The purge (ReadingIdPurge) finds ids older than ingestion accepts by observation time; readings arrive roughly in
-- that order, so a BRIN index answers the range for almost nothing on the ingest path.
CREATE INDEX ix_stored_reading_ids_observed_brin ON stored_reading_ids USING brin (observed_at);

-- A reading that repeated a stored reading's id with another payload (a conflict), found after its ingest call was
-- answered "accepted". The first reading stays stored and billed; the refused one is kept here, both payloads side by
-- side. Duplicates (the same payload again) are not recorded.
CREATE TABLE ingest_exceptions (
    org_id                 uuid          NOT NULL,
    id                     uuid          NOT NULL,
    kind                   text          NOT NULL CHECK (kind IN ('conflict')),
    reading_id             text          NOT NULL,
    -- The client of the kept reading's asset (client-scoped users see their client's exceptions).
    client_id              uuid          NULL,
    -- The refused reading: the key that sent it, its ingest call and when that was accepted.
    sent_by                uuid          NOT NULL,
    batch_id               uuid          NOT NULL,
    received_at            timestamptz   NOT NULL,
    detected_at            timestamptz   NOT NULL,
    -- Which payload fields differ, by their API names.
    differences            text[]        NOT NULL,
    kept_asset_source      text          NOT NULL,
    kept_asset_external_id text          NOT NULL,
    kept_unit_type_key     text          NOT NULL,
    kept_quantity          numeric(20,6) NOT NULL,
    kept_observed_at       timestamptz   NOT NULL,
    kept_description       text          NULL,
    kept_batch_id          uuid          NOT NULL,
    kept_received_at       timestamptz   NOT NULL,
    sent_asset_source      text          NOT NULL,
    sent_asset_external_id text          NOT NULL,
    sent_unit_type_key     text          NOT NULL,
    sent_quantity          numeric(20,6) NOT NULL,
    sent_observed_at       timestamptz   NOT NULL,
    sent_description       text          NULL,
    PRIMARY KEY (org_id, id),
    -- A batch delivered again finds the same conflicts: each is recorded once.
    UNIQUE (org_id, batch_id, reading_id)
);
-- Lists read an organization's exceptions newest first.
CREATE INDEX ix_ingest_exceptions_org_detected ON ingest_exceptions (org_id, detected_at DESC, id);

-- An organization's webhook address per vendor: an unguessable id in the path and the vendor's signing key, encrypted
-- with ASP.NET Core Data Protection (key ring in data_protection_keys), never stored in plain text.
CREATE TABLE IF NOT EXISTS webhook_endpoints (
    org_id          uuid        NOT NULL,
    vendor          text        NOT NULL CHECK (vendor IN ('xero', 'pax8')),
    endpoint_id     text        NOT NULL UNIQUE,
    protected_key   text        NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (org_id, vendor)
);

-- Every delivery whose signature held, stored before it is answered. The same body delivered again is one row
-- (dedupe_key = the body's SHA-256), so a replay is answered 200 and does nothing.
CREATE TABLE IF NOT EXISTS webhook_receipts (
    org_id          uuid        NOT NULL,
    id              uuid        NOT NULL,
    vendor          text        NOT NULL,
    dedupe_key      text        NOT NULL,
    body            bytea       NOT NULL,
    received_at     timestamptz NOT NULL,
    -- accepted: VendorChangeNotified queued; duplicate: every event seen before; intent-to-receive: no events.
    status          text        NOT NULL CHECK (status IN ('accepted', 'duplicate', 'intent-to-receive')),
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, vendor, dedupe_key)
);
CREATE INDEX IF NOT EXISTS ix_webhook_receipts_received ON webhook_receipts (org_id, received_at DESC);

-- Each vendor event once (Xero: tenant + resource + time + type), whichever delivery carried it, so an event a vendor
-- repeats in another delivery triggers no second sync.
CREATE TABLE IF NOT EXISTS webhook_events (
    org_id          uuid        NOT NULL,
    vendor          text        NOT NULL,
    dedupe_key      text        NOT NULL,
    receipt_id      uuid        NOT NULL,
    PRIMARY KEY (org_id, vendor, dedupe_key)
);

-- The Clients screen's read model: one row per client with its billing snapshot. Rebuildable from the
-- owners' events; client identity comes from ClientUpserted (subscription), the figures from the subscription
-- and reconciliation events as they arrive. Until then a client has MRR 0, no counts and status 'no-data'.
CREATE TABLE client_billing_snapshots (
    org_id             uuid          NOT NULL,
    client_id          uuid          NOT NULL,
    name               text          NOT NULL,
    enabled            boolean       NOT NULL,
    time_zone          text          NOT NULL,
    -- Version of the last ClientUpserted applied; older or repeated versions are ignored.
    client_version     bigint        NOT NULL,
    mrr_amount         numeric(19,4) NOT NULL DEFAULT 0,
    -- ISO 4217; null while the client has no subscription to take a currency from.
    mrr_currency       text          NULL CHECK (mrr_currency ~ '^[A-Z]{3}$'),
    subscription_count integer       NOT NULL DEFAULT 0 CHECK (subscription_count >= 0),
    device_count       integer       NOT NULL DEFAULT 0 CHECK (device_count >= 0),
    license_count      integer       NOT NULL DEFAULT 0 CHECK (license_count >= 0),
    status             text          NOT NULL DEFAULT 'no-data'
        CHECK (status IN ('matched', 'under-licensed', 'over-licensed', 'no-data')),
    updated_at         timestamptz   NOT NULL,
    PRIMARY KEY (org_id, client_id)
);

-- The screen's default order: top revenue first, then name.
CREATE INDEX ix_client_billing_snapshots_mrr
    ON client_billing_snapshots (org_id, mrr_amount DESC, lower(name), client_id);
CREATE INDEX ix_client_billing_snapshots_status ON client_billing_snapshots (org_id, status);

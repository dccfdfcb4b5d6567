-- Renamed from 0006_catalog_overrides_and_client_licenses.sql (migration numbers are unique per service).
-- A person's choice for one Pax8 product: whether it counts per device, per user or not at all, and (optionally) its
-- monthly unit price. Kept apart from pax8_products so that a Pax8 sync, which rewrites the product rows, never
-- overwrites it; deleting the row goes back to what Pax8 says.
CREATE TABLE catalog_overrides (
    org_id       uuid          NOT NULL,
    product_id   uuid          NOT NULL,
    licence_unit text          NOT NULL CHECK (licence_unit IN ('device', 'user', 'none')),
    -- Null keeps Pax8's price.
    unit_price   numeric(19,4) NULL CHECK (unit_price >= 0),
    updated_at   timestamptz   NOT NULL,
    updated_by   text          NOT NULL,
    PRIMARY KEY (org_id, product_id)
);

-- The licence figures last published (ClientLicensesChanged) per client: a recomputation publishes only when they
-- differ, and version grows with every publication so read copies keep the newest.
CREATE TABLE client_licenses (
    org_id                    uuid          NOT NULL,
    client_id                 uuid          NOT NULL,
    version                   bigint        NOT NULL CHECK (version >= 1),
    currency                  char(3)       NULL,
    mrr_amount                numeric(19,4) NOT NULL,
    active_subscriptions      integer       NOT NULL,
    device_licenses           integer       NOT NULL,
    user_licenses             integer       NOT NULL,
    device_license_unit_price numeric(19,4) NULL,
    -- [{year, month, amount}], oldest first.
    mrr_history               jsonb         NOT NULL,
    computed_at               timestamptz   NOT NULL,
    PRIMARY KEY (org_id, client_id)
);

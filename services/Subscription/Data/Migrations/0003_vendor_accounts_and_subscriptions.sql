-- Renamed from 0002_vendor_accounts_and_subscriptions.sql (migration numbers are unique per service).
-- What the organization's vendors list: Pax8 companies and RMM organizations, as the last sync saw them. A row that a
-- later sync no longer finds is kept with removed_at set, so mappings and history survive a vendor-side deletion.
CREATE TABLE vendor_accounts (
    org_id        uuid        NOT NULL,
    vendor        text        NOT NULL CHECK (vendor IN ('pax8', 'rmm')),
    external_id   text        NOT NULL CHECK (char_length(external_id) BETWEEN 1 AND 200),
    name          text        NOT NULL,
    -- Vendor-specific facts shown next to the name (website, status, device count, which RMM).
    attributes    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    first_seen_at timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    removed_at    timestamptz NULL,
    PRIMARY KEY (org_id, vendor, external_id)
);

CREATE TABLE pax8_products (
    org_id        uuid          NOT NULL,
    id            uuid          NOT NULL,
    name          text          NOT NULL,
    vendor_name   text          NOT NULL,
    sku           text          NULL,
    licence_unit  text          NULL CHECK (licence_unit IN ('user', 'device')),
    unit_price    numeric(19,4) NULL,
    currency      char(3)       NULL,
    updated_at    timestamptz   NOT NULL,
    removed_at    timestamptz   NULL,
    PRIMARY KEY (org_id, id)
);

-- unit_price is per unit and per billing term (a month for monthly, a year for annual), as Pax8 states it.
CREATE TABLE pax8_subscriptions (
    org_id        uuid          NOT NULL,
    id            uuid          NOT NULL,
    company_id    uuid          NOT NULL,
    product_id    uuid          NOT NULL,
    quantity      integer       NOT NULL CHECK (quantity >= 0),
    unit_price    numeric(19,4) NOT NULL,
    currency      char(3)       NOT NULL,
    billing_term  text          NOT NULL,
    status        text          NOT NULL,
    start_date    timestamptz   NOT NULL,
    end_date      timestamptz   NULL,
    first_seen_at timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL,
    removed_at    timestamptz   NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX ix_pax8_subscriptions_company ON pax8_subscriptions (org_id, company_id);

-- Which client a vendor account belongs to. One client per account; a client may have several accounts.
CREATE TABLE client_mappings (
    org_id      uuid         NOT NULL,
    vendor      text         NOT NULL,
    external_id text         NOT NULL,
    client_id   uuid         NOT NULL,
    method      text         NOT NULL CHECK (method IN ('auto', 'manual', 'import', 'created')),
    score       numeric(4,3) NULL,
    mapped_at   timestamptz  NOT NULL,
    mapped_by   text         NOT NULL,
    PRIMARY KEY (org_id, vendor, external_id),
    FOREIGN KEY (org_id, vendor, external_id) REFERENCES vendor_accounts (org_id, vendor, external_id),
    FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
);
CREATE INDEX ix_client_mappings_client ON client_mappings (org_id, client_id);

-- Suggestions a person turned down: not suggested again for that account.
CREATE TABLE mapping_rejections (
    org_id      uuid        NOT NULL,
    vendor      text        NOT NULL,
    external_id text        NOT NULL,
    client_id   uuid        NOT NULL,
    rejected_at timestamptz NOT NULL,
    rejected_by text        NOT NULL,
    PRIMARY KEY (org_id, vendor, external_id, client_id)
);

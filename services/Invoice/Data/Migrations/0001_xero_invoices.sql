-- An organization's Xero connection (no row: disconnected). The tokens are one ASP.NET Data Protection payload,
-- never plain text; the tenants are those Xero listed at the last authorization, to choose from.
CREATE TABLE xero_connections (
    org_id            uuid        NOT NULL PRIMARY KEY,
    status            text        NOT NULL CHECK (status IN ('choose-tenant', 'connected', 'expired')),
    tenant_id         uuid        NULL,
    tenant_name       text        NULL,
    tenants           jsonb       NOT NULL DEFAULT '[]'::jsonb,
    protected_tokens  text        NULL,
    access_expires_at timestamptz NULL,
    connected_at      timestamptz NOT NULL,
    connected_by      text        NOT NULL,
    last_error        text        NULL,
    updated_at        timestamptz NOT NULL,
    CHECK (status <> 'connected' OR tenant_id IS NOT NULL)
);

-- The state of an authorization in progress: single-use, short-lived, bound to the organization and the person who
-- started it. Only a hash of the nonce is kept, so a database reader cannot finish someone's authorization.
CREATE TABLE xero_oauth_states (
    nonce_hash   text        NOT NULL PRIMARY KEY,
    org_id       uuid        NOT NULL,
    redirect_uri text        NOT NULL,
    actor_type   text        NOT NULL,
    actor_id     uuid        NOT NULL,
    api_key_id   uuid        NULL,
    actor_name   text        NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX ix_xero_oauth_states_expiry ON xero_oauth_states (expires_at);

-- Where the next incremental read starts: the start of the last sync that read everything (null: read everything).
CREATE TABLE xero_sync_state (
    org_id          uuid        NOT NULL PRIMARY KEY,
    modified_since  timestamptz NULL,
    updated_at      timestamptz NOT NULL
);

-- The accounting vendors' contacts (Xero now, SuperOps later): the accounts invoices are billed to.
CREATE TABLE vendor_contacts (
    org_id            uuid        NOT NULL,
    source            text        NOT NULL CHECK (source IN ('xero', 'superops')),
    external_id       text        NOT NULL,
    name              text        NOT NULL,
    email             text        NULL,
    status            text        NULL,
    vendor_updated_at timestamptz NULL,
    synced_at         timestamptz NOT NULL,
    PRIMARY KEY (org_id, source, external_id)
);

CREATE TABLE invoices (
    org_id             uuid          NOT NULL,
    id                 uuid          NOT NULL,
    source             text          NOT NULL CHECK (source IN ('xero', 'superops')),
    external_id        text          NOT NULL,
    number             text          NULL,
    reference          text          NULL,
    contact_external_id text         NOT NULL,
    contact_name       text          NOT NULL,
    -- The vendor's own status word (AUTHORISED, PAID, ...); the API derives overdue from it and the dates.
    vendor_status      text          NOT NULL,
    issued_on          date          NULL,
    due_on             date          NULL,
    currency           char(3)       NOT NULL,
    sub_total          numeric(19,4) NOT NULL,
    total_tax          numeric(19,4) NOT NULL,
    total              numeric(19,4) NOT NULL,
    amount_due         numeric(19,4) NOT NULL,
    amount_paid        numeric(19,4) NOT NULL,
    fully_paid_on      date          NULL,
    vendor_updated_at  timestamptz   NULL,
    vendor_url         text          NULL,
    synced_at          timestamptz   NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, source, external_id)
);
CREATE INDEX ix_invoices_contact ON invoices (org_id, source, contact_external_id);
CREATE INDEX ix_invoices_due ON invoices (org_id, due_on);

CREATE TABLE invoice_lines (
    org_id       uuid          NOT NULL,
    invoice_id   uuid          NOT NULL,
    line_number  integer       NOT NULL,
    description  text          NULL,
    quantity     numeric(19,4) NULL,
    unit_amount  numeric(19,4) NULL,
    account_code text          NULL,
    item_code    text          NULL,
    tax_amount   numeric(19,4) NULL,
    line_amount  numeric(19,4) NULL,
    PRIMARY KEY (org_id, invoice_id, line_number),
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id) ON DELETE CASCADE
);

-- Which account code (the Xero chart of accounts) a billing type (a metering unit type key) is invoiced to.
CREATE TABLE account_mappings (
    org_id       uuid        NOT NULL,
    billing_type text        NOT NULL,
    account_code text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (org_id, billing_type)
);

-- Clients as the subscription service announces them (ClientUpserted): names for the invoice list.
CREATE TABLE clients (
    org_id    uuid   NOT NULL,
    client_id uuid   NOT NULL,
    name      text   NOT NULL,
    enabled   boolean NOT NULL,
    -- The event's version: an older event never overwrites a newer one.
    version   bigint NOT NULL,
    PRIMARY KEY (org_id, client_id)
);

-- The subscription service's mappings of Xero and SuperOps contacts to clients (ClientMappingChanged). An unmapping
-- keeps its row (client_id NULL) so that an older change arriving late cannot map it again.
CREATE TABLE client_mappings (
    org_id      uuid        NOT NULL,
    vendor      text        NOT NULL CHECK (vendor IN ('xero', 'superops')),
    external_id text        NOT NULL,
    client_id   uuid        NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, vendor, external_id)
);
CREATE INDEX ix_client_mappings_client ON client_mappings (org_id, client_id) WHERE client_id IS NOT NULL;

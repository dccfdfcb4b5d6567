-- The organization's Synergy Wholesale account as last synced: domains, hosting services and SSL certificates. Each
-- row names the Synergy customer account it belongs to (the registrant organisation of its domain), which the
-- subscription service maps to a client. Rows Synergy no longer lists are kept with removed_at.
CREATE TABLE synergy_domains (
    org_id              uuid        NOT NULL,
    domain_name         text        NOT NULL,
    status              text        NOT NULL,
    expires_at          timestamptz NULL,
    auto_renew          boolean     NOT NULL,
    account_external_id text        NULL,
    account_name        text        NULL,
    first_seen_at       timestamptz NOT NULL,
    removed_at          timestamptz NULL,
    PRIMARY KEY (org_id, domain_name)
);
CREATE INDEX ix_synergy_domains_expiry ON synergy_domains (org_id, expires_at) WHERE removed_at IS NULL;

-- Disk and bandwidth in MB as Synergy reports them; null when the plan does not say.
CREATE TABLE synergy_hosting_services (
    org_id              uuid        NOT NULL,
    hosting_id          text        NOT NULL,
    domain_name         text        NOT NULL,
    plan                text        NOT NULL,
    status              text        NOT NULL,
    renews_at           timestamptz NULL,
    disk_usage_mb       numeric     NULL,
    disk_limit_mb       numeric     NULL,
    bandwidth_mb        numeric     NULL,
    bandwidth_limit_mb  numeric     NULL,
    account_external_id text        NULL,
    account_name        text        NULL,
    first_seen_at       timestamptz NOT NULL,
    removed_at          timestamptz NULL,
    PRIMARY KEY (org_id, hosting_id)
);

CREATE TABLE synergy_certificates (
    org_id              uuid        NOT NULL,
    certificate_id      text        NOT NULL,
    common_name         text        NOT NULL,
    product             text        NOT NULL,
    status              text        NOT NULL,
    expires_at          timestamptz NULL,
    account_external_id text        NULL,
    account_name        text        NULL,
    first_seen_at       timestamptz NOT NULL,
    removed_at          timestamptz NULL,
    PRIMARY KEY (org_id, certificate_id)
);

-- The mappings copy now keeps Synergy customer accounts besides RMM organizations: the vendor is part of the key.
ALTER TABLE client_mappings ADD COLUMN vendor text NOT NULL DEFAULT 'rmm' CHECK (vendor IN ('rmm', 'synergy'));
ALTER TABLE client_mappings ALTER COLUMN vendor DROP DEFAULT;
ALTER TABLE client_mappings DROP CONSTRAINT client_mappings_pkey;
ALTER TABLE client_mappings ADD PRIMARY KEY (org_id, vendor, external_id);

-- Clients as the subscription service announces them (ClientUpserted): names for the lists.
CREATE TABLE clients (
    org_id    uuid   NOT NULL,
    client_id uuid   NOT NULL,
    name      text   NOT NULL,
    -- The event's version: an older event never overwrites a newer one.
    version   bigint NOT NULL,
    PRIMARY KEY (org_id, client_id)
);

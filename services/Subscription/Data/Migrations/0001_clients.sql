-- The organization's clients. Every query filters by org_id first, hence its place in every key.
CREATE TABLE clients (
    org_id      uuid        NOT NULL,
    id          uuid        NOT NULL,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    enabled     boolean     NOT NULL DEFAULT true,
    time_zone   text        NOT NULL,
    -- Starts at 1 and grows with every change; carried by ClientUpserted so read models drop stale events.
    version     bigint      NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, id)
);

-- Names are unique per organization regardless of case ("Acme" and "ACME" are the same client).
CREATE UNIQUE INDEX ux_clients_org_name ON clients (org_id, lower(name));

-- Paging by creation or change time.
CREATE INDEX ix_clients_org_created ON clients (org_id, created_at, id);
CREATE INDEX ix_clients_org_updated ON clients (org_id, updated_at, id);

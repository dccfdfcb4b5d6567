-- Unit types: what a metered unit is called, how its readings aggregate and what it costs.
-- Every query filters by org_id first, hence its place in every key.
CREATE TABLE unit_types (
    org_id          uuid           NOT NULL,
    id              uuid           NOT NULL,
    -- Stable slug that ingestion and integrations refer to; the display name may change, the key should not.
    key             text           NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(key) <= 64),
    name            text           NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description     text           NULL CHECK (char_length(description) <= 2000),
    auto_provision  boolean        NOT NULL DEFAULT false,
    base_price      numeric(18,4)  NOT NULL CHECK (base_price >= 0),
    -- Overage is priced per unit, often in fractions of a cent, hence the finer scale.
    overage_price   numeric(18,6)  NOT NULL CHECK (overage_price >= 0),
    currency        char(3)        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    aggregation     text           NOT NULL CHECK (aggregation IN ('sum', 'max', 'avg', 'last', 'count')),
    -- Glob on the asset id (e.g. 'srv-*'); null matches every asset.
    filter_pattern  text           NULL CHECK (char_length(filter_pattern) BETWEEN 1 AND 200),
    commit_units    numeric(18,4)  NOT NULL DEFAULT 0 CHECK (commit_units >= 0),
    created_at      timestamptz    NOT NULL,
    updated_at      timestamptz    NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE UNIQUE INDEX ux_unit_types_org_key ON unit_types (org_id, key);
CREATE INDEX ix_unit_types_org_name ON unit_types (org_id, lower(name), id);

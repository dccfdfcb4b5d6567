-- Ingest suppressions: readings whose target field matches the pattern are dropped at ingest.
-- Every query filters by org_id first, hence its place in every key.
CREATE TABLE suppression_rules (
    org_id             uuid        NOT NULL,
    id                 uuid        NOT NULL,
    pattern            text        NOT NULL CHECK (char_length(pattern) BETWEEN 1 AND 500),
    pattern_type       text        NOT NULL CHECK (pattern_type IN ('glob', 'regex')),
    target             text        NOT NULL CHECK (target IN ('asset-id', 'source', 'description')),
    reason             text        NULL CHECK (reason IS NULL OR char_length(reason) <= 500),
    created_at         timestamptz NOT NULL,
    -- The user or API key that created the rule (the internal token's subject).
    created_by         uuid        NOT NULL,
    -- Kept by ingestion as it drops readings, so the list can show which rules are doing work.
    suppressed_count   bigint      NOT NULL DEFAULT 0 CHECK (suppressed_count >= 0),
    last_suppressed_at timestamptz NULL,
    PRIMARY KEY (org_id, id)
);

-- The list and the matcher both read rules oldest first.
CREATE INDEX ix_suppression_rules_org_created ON suppression_rules (org_id, created_at, id);

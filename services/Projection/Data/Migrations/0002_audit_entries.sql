-- The organization-wide Audit Log: every service's audit entries, copied from AuditEntryRecorded events.
-- (service, entry_id) identifies an entry, so a redelivered event inserts nothing.
CREATE TABLE audit_entries (
    org_id      uuid        NOT NULL,
    service     text        NOT NULL,
    entry_id    bigint      NOT NULL,
    action      text        NOT NULL,
    table_name  text        NOT NULL,
    record_id   text        NOT NULL,
    actor_type  text        NOT NULL,
    actor_id    uuid        NOT NULL,
    api_key_id  uuid        NULL,
    old_values  jsonb       NULL,
    new_values  jsonb       NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (service, entry_id)
);
CREATE INDEX ix_audit_entries_org_created ON audit_entries (org_id, created_at DESC, service, entry_id DESC);

-- Organizations whose invoices are announced once more after this upgrade: invoices stored before InvoiceUpserted was
-- published never reached the read copies (reconciliation, projection). The start-up backfill announces each
-- organization's invoices and deletes its row in the same transaction, so each is announced exactly once whatever
-- restarts in between. Organizations added later announce every invoice as it is stored and never appear here.
CREATE TABLE invoice_republish_backlog (
    org_id    uuid        NOT NULL PRIMARY KEY,
    queued_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO invoice_republish_backlog (org_id) SELECT DISTINCT org_id FROM invoices;

-- The draft invoices a finalized billing month becomes, one per client, month and currency, and how their push to the
-- accounting system went. The unique key makes a redelivered ClientBillingFinalized a no-op; the idempotency key, sent
-- with every attempt, makes Xero answer a retried push (after a restart mid-push) with the invoice it created first.
CREATE TABLE draft_invoices (
    org_id                 uuid          NOT NULL,
    id                     uuid          NOT NULL,
    client_id              uuid          NOT NULL,
    period_year            integer       NOT NULL,
    period_month           integer       NOT NULL CHECK (period_month BETWEEN 1 AND 12),
    currency               char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total                  numeric(19,4) NOT NULL,
    -- The ClientBillingFinalized message as received: the lines are built from it at each attempt, with the account
    -- codes mapped then.
    billing                jsonb         NOT NULL,
    idempotency_key        text          NOT NULL,
    status                 text          NOT NULL CHECK (status IN ('pending', 'needs-mapping', 'waiting-for-xero', 'pushed', 'failed')),
    attempts               integer       NOT NULL DEFAULT 0,
    last_error             text          NULL,
    next_attempt_at        timestamptz   NOT NULL,
    vendor                 text          NULL CHECK (vendor IN ('xero')),
    vendor_invoice_id      text          NULL,
    vendor_invoice_number  text          NULL,
    vendor_url             text          NULL,
    finalized_at           timestamptz   NOT NULL,
    created_at             timestamptz   NOT NULL,
    pushed_at              timestamptz   NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, client_id, period_year, period_month, currency),
    CHECK ((status = 'pushed') = (vendor_invoice_id IS NOT NULL))
);
CREATE INDEX ix_draft_invoices_due ON draft_invoices (next_attempt_at) WHERE status IN ('pending', 'needs-mapping', 'waiting-for-xero');
CREATE INDEX ix_draft_invoices_period ON draft_invoices (org_id, period_year, period_month);

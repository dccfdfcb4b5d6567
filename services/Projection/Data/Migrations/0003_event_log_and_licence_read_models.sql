-- Every event the projection applies to its read models, as received: the rebuild replays an organization's events in
-- position order into emptied read models. A message id is applied once (a redelivery finds its row). Append-only.
CREATE TABLE projection_event_log (
    position    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      uuid        NOT NULL,
    message_id  uuid        NOT NULL UNIQUE,
    event_type  text        NOT NULL,
    payload     jsonb       NOT NULL,
    received_at timestamptz NOT NULL
);
CREATE INDEX ix_projection_event_log_org ON projection_event_log (org_id, position);

-- The clients this read model already holds came from ClientUpserted events received before the log existed: they
-- enter the log as those events (the payload as the service serializes it), so a rebuild keeps them.
INSERT INTO projection_event_log (org_id, message_id, event_type, payload, received_at)
SELECT org_id, gen_random_uuid(), 'ClientUpserted',
       jsonb_build_object('orgId', org_id, 'clientId', client_id, 'name', name, 'enabled', enabled,
                          'timeZone', time_zone, 'version', client_version, 'createdAt', updated_at,
                          'updatedAt', updated_at),
       updated_at
FROM client_billing_snapshots
ORDER BY updated_at, client_id;

-- The licence side of a client: figures from ClientLicensesChanged (subscription) and ClientReconciled
-- (reconciliation), each kept at its highest version. license_count holds the device licences. A row can exist before
-- its ClientUpserted (client_version 0, no name yet): it is not shown until the client is known.
ALTER TABLE client_billing_snapshots
    ADD COLUMN licenses_version        bigint        NOT NULL DEFAULT 0,
    ADD COLUMN user_license_count      integer       NOT NULL DEFAULT 0 CHECK (user_license_count >= 0),
    ADD COLUMN reconciled_version      bigint        NOT NULL DEFAULT 0,
    ADD COLUMN variance                integer       NULL,
    ADD COLUMN snapshot_taken_at       timestamptz   NULL,
    ADD COLUMN missed_billing_open     numeric(19,4) NOT NULL DEFAULT 0,
    ADD COLUMN missed_billing_currency text          NULL CHECK (missed_billing_currency ~ '^[A-Z]{3}$');

-- Each client's MRR at the end of the last 12 months, as its latest ClientLicensesChanged gave it: the dashboard trend.
CREATE TABLE client_mrr_history (
    org_id    uuid          NOT NULL,
    client_id uuid          NOT NULL,
    year      integer       NOT NULL,
    month     integer       NOT NULL CHECK (month BETWEEN 1 AND 12),
    amount    numeric(19,4) NOT NULL,
    -- The client's MRR currency when it was computed; null while it had no active subscription.
    currency  text          NULL CHECK (currency ~ '^[A-Z]{3}$'),
    PRIMARY KEY (org_id, client_id, year, month)
);

-- The invoices as the invoice service announces them (InvoiceUpserted), highest version kept: pending invoices, a
-- client's total spend and billing contact.
CREATE TABLE invoice_copies (
    org_id       uuid          NOT NULL,
    invoice_id   uuid          NOT NULL,
    source       text          NOT NULL,
    client_id    uuid          NULL,
    contact_name text          NULL,
    number       text          NULL,
    reference    text          NULL,
    status       text          NOT NULL,
    issue_date   date          NULL,
    due_date     date          NULL,
    currency     text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total        numeric(19,4) NOT NULL,
    amount_due   numeric(19,4) NOT NULL,
    version      bigint        NOT NULL,
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (org_id, invoice_id)
);
CREATE INDEX ix_invoice_copies_client ON invoice_copies (org_id, client_id);
CREATE INDEX ix_invoice_copies_status ON invoice_copies (org_id, status);

-- The subscription service's licence figures per client (ClientLicensesChanged): the highest version wins.
CREATE TABLE client_licenses (
    org_id                    uuid        NOT NULL,
    client_id                 uuid        NOT NULL,
    version                   bigint      NOT NULL,
    computed_at               timestamptz NOT NULL,
    currency                  text        NULL,
    active_subscriptions      integer     NOT NULL,
    device_licenses           integer     NOT NULL,
    user_licenses             integer     NOT NULL,
    device_license_unit_price numeric     NULL,
    PRIMARY KEY (org_id, client_id)
);

-- Finalized overage per client, bucket and billed month (ClientBillingFinalized): the month's reading plus the
-- adjustments booked in it, which the month's invoice carries. A later finalization of the same client, month and
-- currency replaces that month's rows.
CREATE TABLE billing_overages (
    org_id       uuid        NOT NULL,
    client_id    uuid        NOT NULL,
    period_year  integer     NOT NULL,
    period_month integer     NOT NULL,
    bucket_id    uuid        NOT NULL,
    bucket_name  text        NOT NULL,
    currency     text        NOT NULL,
    overage      numeric     NOT NULL,
    usage        numeric     NULL,
    commit_units numeric     NULL,
    finalized_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, client_id, period_year, period_month, bucket_id)
);

-- What the invoice service stored (InvoiceUpserted), only as far as overage coverage needs it.
CREATE TABLE invoices (
    org_id     uuid   NOT NULL,
    invoice_id uuid   NOT NULL,
    client_id  uuid   NULL,
    reference  text   NULL,
    status     text   NOT NULL,
    version    bigint NOT NULL,
    PRIMARY KEY (org_id, invoice_id)
);
CREATE INDEX ix_invoices_client_reference ON invoices (org_id, client_id, reference);

-- Each client's devices in each snapshot, with the mappings and device licences as they were when it was taken, so
-- that a client's history compares like with like. Only clients with an RMM organization in the snapshot have a row.
CREATE TABLE client_snapshot_devices (
    org_id          uuid    NOT NULL,
    snapshot_id     uuid    NOT NULL,
    client_id       uuid    NOT NULL,
    organizations   integer NOT NULL,
    devices         integer NOT NULL,
    device_licenses integer NOT NULL,
    PRIMARY KEY (org_id, client_id, snapshot_id),
    FOREIGN KEY (org_id, snapshot_id) REFERENCES device_snapshots (org_id, id)
);

-- The latest comparison of each client: what the Reconciliation list shows and ClientReconciled announced (version).
CREATE TABLE client_reconciliations (
    org_id                    uuid        NOT NULL,
    client_id                 uuid        NOT NULL,
    version                   bigint      NOT NULL,
    reconciled_at             timestamptz NOT NULL,
    snapshot_id               uuid        NULL,
    snapshot_taken_at         timestamptz NULL,
    devices                   integer     NULL,
    device_licenses           integer     NOT NULL,
    variance                  integer     NULL,
    status                    text        NOT NULL
        CHECK (status IN ('matched', 'under-licensed', 'over-licensed', 'no-data')),
    currency                  text        NULL,
    device_license_unit_price numeric     NULL,
    missed_billing_open       numeric     NOT NULL,
    PRIMARY KEY (org_id, client_id)
);
CREATE INDEX ix_client_reconciliations_status ON client_reconciliations (org_id, status);

-- Missed-billing opportunities. The key (kind, client[, bucket, month]) keeps a person's decision (dismissed with a
-- reason, billed) through every recomputation; an open one whose gap closed is deleted, a decided one is kept
-- (gap_open = false) as history.
CREATE TABLE missed_billing (
    org_id           uuid        NOT NULL,
    id               uuid        NOT NULL,
    opportunity_key  text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('under-licensed', 'unlicensed-devices', 'uninvoiced-overage')),
    client_id        uuid        NOT NULL,
    bucket_id        uuid        NULL,
    bucket_name      text        NULL,
    period_year      integer     NULL,
    period_month     integer     NULL,
    amount           numeric     NULL,
    currency         text        NULL,
    evidence         text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('open', 'dismissed', 'billed')),
    dismiss_reason   text        NULL,
    state_changed_at timestamptz NULL,
    state_changed_by text        NULL,
    gap_open         boolean     NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, opportunity_key),
    CHECK (state <> 'dismissed' OR dismiss_reason IS NOT NULL)
);
CREATE INDEX ix_missed_billing_client ON missed_billing (org_id, client_id);

-- The organization's device snapshot schedule: monthly on a day at an hour (UTC). next_run_at moves by
-- compare-and-set, so one replica queues each occurrence.
CREATE TABLE snapshot_schedules (
    org_id       uuid        NOT NULL PRIMARY KEY,
    enabled      boolean     NOT NULL,
    day_of_month integer     NOT NULL CHECK (day_of_month BETWEEN 1 AND 28),
    hour_utc     integer     NOT NULL CHECK (hour_utc BETWEEN 0 AND 23),
    next_run_at  timestamptz NULL,
    updated_at   timestamptz NOT NULL,
    updated_by   uuid        NULL
);
CREATE INDEX ix_snapshot_schedules_due ON snapshot_schedules (next_run_at) WHERE enabled;

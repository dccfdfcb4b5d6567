-- The partner API's watch stream (WatchEvents): billing runs finished, client periods finalized and new overages, each
-- written in the transaction that logs its event, so a redelivery writes none. A delivered feed, not a read model: the
-- rebuild leaves it as it is (callers may hold tokens into it) and writes no events again.
-- The watch reads in (xid, id) order and only rows whose transaction is older than every one still running, so a row
-- committed after a later one is never passed over by a resume token (docs/partner-api.md).
CREATE TABLE partner_watch_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid         xid8        NOT NULL DEFAULT pg_current_xact_id(),
    org_id      uuid        NOT NULL,
    event_type  text        NOT NULL CHECK (event_type IN ('billing-run-finished', 'period-finalized', 'new-overage')),
    -- Null for an organization-level event (a billing run).
    client_id   uuid        NULL,
    client_name text        NULL,
    occurred_at timestamptz NOT NULL,
    -- A new overage's bucket and period: announced once per bucket and period.
    bucket_id   uuid        NULL,
    year        integer     NULL,
    month       integer     NULL CHECK (month BETWEEN 1 AND 12),
    payload     jsonb       NOT NULL
);
CREATE INDEX ix_partner_watch_events_order ON partner_watch_events (org_id, xid, id);
CREATE UNIQUE INDEX ux_partner_watch_events_overage ON partner_watch_events (org_id, bucket_id, year, month)
    WHERE event_type = 'new-overage';

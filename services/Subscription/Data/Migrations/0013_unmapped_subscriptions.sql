-- The subscriptions of the Pax8 companies mapped to no client, as last published (UnmappedSubscriptionsChanged), so
-- a change is published once: the overview's MRR adds their MRR to the clients' (docs/domain.md).
CREATE TABLE unmapped_subscriptions (
    org_id        uuid        NOT NULL PRIMARY KEY,
    version       bigint      NOT NULL,
    subscriptions jsonb       NOT NULL,
    computed_at   timestamptz NOT NULL
);

-- The subscriptions of the Pax8 companies mapped to no client, as the latest UnmappedSubscriptionsChanged listed them
-- (removed and cancelled ones too): their MRR joins the clients' on the overview, the financial summary and subscription
-- analytics (docs/domain.md, "One figure, one definition"). Replaced whole, at the highest version; a rebuild empties
-- and replays them.
CREATE TABLE unmapped_subscription_versions (
    org_id  uuid   NOT NULL PRIMARY KEY,
    version bigint NOT NULL
);

CREATE TABLE unmapped_subscriptions (
    org_id          uuid          NOT NULL,
    subscription_id uuid          NOT NULL,
    product_id      uuid          NOT NULL,
    product_name    text          NOT NULL,
    quantity        integer       NOT NULL,
    -- Per unit and per billing term, as Pax8 states it.
    unit_price      numeric(19,4) NOT NULL,
    currency        text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    billing_term    text          NOT NULL,
    status          text          NOT NULL,
    start_date      timestamptz   NOT NULL,
    end_date        timestamptz   NULL,
    removed_at      timestamptz   NULL,
    PRIMARY KEY (org_id, subscription_id)
);

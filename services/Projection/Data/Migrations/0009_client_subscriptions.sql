-- Each client's subscriptions as its latest ClientLicensesChanged listed them (removed and cancelled ones too):
-- subscription analytics. Replaced with the client's licence figures, so kept at their highest version; a rebuild
-- empties and replays it with them.
CREATE TABLE client_subscriptions (
    org_id          uuid          NOT NULL,
    client_id       uuid          NOT NULL,
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
    PRIMARY KEY (org_id, client_id, subscription_id)
);

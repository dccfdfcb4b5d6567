-- Renamed from 0007_licence_adjustments.sql (migration numbers are unique per service).
-- A proposed change of one Pax8 subscription's quantity that removes a client's device variance, and what became of
-- it. The state is written before and after the call to Pax8, so a failure (or a crash mid-call) leaves a visible
-- row to retry, never a change nobody recorded.
CREATE TABLE licence_adjustments (
    id                uuid        PRIMARY KEY,
    org_id            uuid        NOT NULL,
    client_id         uuid        NOT NULL,
    subscription_id   uuid        NOT NULL,
    product_id        uuid        NOT NULL,
    -- The client's device count the proposal was computed for.
    devices           integer     NOT NULL CHECK (devices >= 0),
    quantity_before   integer     NOT NULL CHECK (quantity_before >= 0),
    proposed_quantity integer     NOT NULL CHECK (proposed_quantity >= 0),
    approved_quantity integer     NULL CHECK (approved_quantity >= 0),
    -- What Pax8 answered once applied.
    quantity_after    integer     NULL,
    state             text        NOT NULL CHECK (state IN ('proposed', 'applying', 'applied', 'failed')),
    error             text        NULL,
    attempts          integer     NOT NULL DEFAULT 0,
    proposed_by       text        NOT NULL,
    proposed_at       timestamptz NOT NULL,
    approved_by       text        NULL,
    approved_at       timestamptz NULL,
    applied_at        timestamptz NULL
);
-- One open adjustment per subscription: a new proposal replaces a proposed one, never one being applied or failed.
CREATE UNIQUE INDEX ux_licence_adjustments_open ON licence_adjustments (org_id, subscription_id)
    WHERE state IN ('proposed', 'applying', 'failed');
CREATE INDEX ix_licence_adjustments_client ON licence_adjustments (org_id, client_id, proposed_at DESC);

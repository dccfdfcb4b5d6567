-- Renamed from 0008_licence_adjustment_dismissal.sql (migration numbers are unique per service).
-- A proposal (or a failed change) a person decided against is kept as dismissed, for the record and the CSV; it no
-- longer holds the subscription's one open adjustment.
ALTER TABLE licence_adjustments DROP CONSTRAINT licence_adjustments_state_check;
ALTER TABLE licence_adjustments ADD CONSTRAINT licence_adjustments_state_check
    CHECK (state IN ('proposed', 'applying', 'applied', 'failed', 'dismissed'));

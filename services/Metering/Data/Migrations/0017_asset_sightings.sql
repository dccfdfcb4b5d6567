-- Which unit types an asset reports is all anyone reads of asset_unit_types (the unbound view, provisioning); keeping
-- each pair's first and last observation moved every pair of every batch under a row lock.
ALTER TABLE asset_unit_types DROP COLUMN first_seen_at, DROP COLUMN last_seen_at;

-- An asset's description is that of its latest reading that carried one: when that reading was observed, so that an
-- older one arriving later does not replace it (compared with last_seen_at before, which moves for every reading).
ALTER TABLE assets ADD COLUMN described_at timestamptz NULL;
UPDATE assets SET described_at = last_seen_at WHERE description IS NOT NULL;

-- What each stored batch saw of its known assets, folded into assets (first and last seen, description) moments later
-- by Sightings/AssetSightingFolder (docs/domain.md, "Readings and assets"). Widening every asset of every batch in the
-- batch's own transaction cost more CPU than the readings' COPY, and concurrent batches of one organization queued on
-- the same rows; one row of arrays per batch is written instead, and each asset is updated once per fold.
CREATE TABLE asset_sightings (
    id            uuid          PRIMARY KEY,
    org_id        uuid          NOT NULL,
    asset_ids     uuid[]        NOT NULL,
    first_seen    timestamptz[] NOT NULL,
    last_seen     timestamptz[] NOT NULL,
    descriptions  text[]        NOT NULL,
    described_at  timestamptz[] NOT NULL
);
-- Identifiers and times do not compress: stored out of line as they are, without a compression attempt per batch.
ALTER TABLE asset_sightings
    ALTER COLUMN asset_ids SET STORAGE EXTERNAL,
    ALTER COLUMN first_seen SET STORAGE EXTERNAL,
    ALTER COLUMN last_seen SET STORAGE EXTERNAL,
    ALTER COLUMN descriptions SET STORAGE EXTERNAL,
    ALTER COLUMN described_at SET STORAGE EXTERNAL;

-- Every stored batch moves its assets' last-seen times forward. With last_seen_at in an index each of those updates
-- wrote a new entry in every index of the table; without it, and with room left on each page, they are heap-only
-- (HOT) updates that touch no index. The asset lists sort an organization's assets in memory instead.
DROP INDEX ix_assets_org_last_seen;
ALTER TABLE assets SET (fillfactor = 80);
ALTER TABLE asset_unit_types SET (fillfactor = 80);

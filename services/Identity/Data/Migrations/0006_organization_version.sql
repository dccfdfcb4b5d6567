-- Every change of an organization's settings raises its version; OrganizationChanged carries it, so the copies other
-- services keep (docs/domain.md, "Organization settings") drop an event older than the one they hold.
ALTER TABLE organizations ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);

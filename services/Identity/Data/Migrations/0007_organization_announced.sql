-- The version of each organization's settings last put in the outbox as OrganizationChanged. Organizations created, or
-- existing before the event did, start behind their version and are announced by OrganizationAnnouncer, so the copies
-- other services keep (docs/domain.md, "Organization settings") never wait for a person's next change.
ALTER TABLE organizations ADD COLUMN announced_version bigint NOT NULL DEFAULT 0;

-- One source for each setting (docs/domain.md, "Organization settings"): the billing grace days are identity's
-- organization setting. Metering keeps the part of each organization it uses, as OrganizationChanged announces it
-- (Consumers/OrganizationChangedConsumer); version orders the announcements.
CREATE TABLE organizations (
    org_id              uuid    PRIMARY KEY,
    billing_grace_days  integer NOT NULL CHECK (billing_grace_days BETWEEN 0 AND 60),
    version             bigint  NOT NULL CHECK (version >= 1)
);

-- Metering's own, divergent grace period goes. Until identity announces an organization, it finalizes after
-- identity's default grace days (5, Domain/GracePeriod.Default), not after a value saved here before.
ALTER TABLE billing_settings DROP COLUMN grace_period_days;

-- How many decimals quantities of a unit type are shown with (usage, commitments), in API answers and on pages.
-- The default suits the units most are billed in (GB, hours); a count of assets is whole, so count unit types
-- start at 0 (UnitTypeRules.DefaultPrecision). Readings keep their six decimals: precision only rounds what is shown.
ALTER TABLE unit_types
    ADD COLUMN precision smallint NOT NULL DEFAULT 2 CHECK (precision BETWEEN 0 AND 6);

UPDATE unit_types SET precision = 0 WHERE aggregation = 'count';

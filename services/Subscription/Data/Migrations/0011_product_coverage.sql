-- Renamed from 0009_product_coverage.sql (migration numbers are unique per service).
-- Coverage per product (docs/domain.md "Licences: coverage per product").
-- The device class a person set for a per-device product: workstations, servers or devices (all). Null: suggested
-- from the product's name, shown for review.
ALTER TABLE catalog_overrides ADD COLUMN covers text NULL
    CHECK (covers IN ('workstations', 'servers', 'devices'));
ALTER TABLE catalog_overrides ADD CONSTRAINT catalog_overrides_covers_device_only
    CHECK (covers IS NULL OR licence_unit = 'device');

-- The covering products last published per client (ClientLicensesChanged.Products): [{productId, productName, covers,
-- quantity, monthlyUnitPrice, currency}]; null for figures published before products existed.
ALTER TABLE client_licenses ADD COLUMN products jsonb NULL;

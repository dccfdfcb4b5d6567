-- Renamed from 0005_synergy_mapping_vendor.sql (migration numbers are unique per service).
-- Synergy Wholesale customers, read by reconciliation's domains sync, are mapped to clients like the other vendors.
ALTER TABLE vendor_accounts DROP CONSTRAINT vendor_accounts_vendor_check;
ALTER TABLE vendor_accounts ADD CONSTRAINT vendor_accounts_vendor_check
    CHECK (vendor IN ('pax8', 'rmm', 'xero', 'superops', 'synergy'));

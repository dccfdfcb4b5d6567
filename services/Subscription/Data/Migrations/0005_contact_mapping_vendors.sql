-- Renamed from 0004_contact_mapping_vendors.sql (migration numbers are unique per service).
-- Xero and SuperOps contacts, read by the invoice service's syncs, are mapped to clients like Pax8 companies.
ALTER TABLE vendor_accounts DROP CONSTRAINT vendor_accounts_vendor_check;
ALTER TABLE vendor_accounts ADD CONSTRAINT vendor_accounts_vendor_check
    CHECK (vendor IN ('pax8', 'rmm', 'xero', 'superops'));

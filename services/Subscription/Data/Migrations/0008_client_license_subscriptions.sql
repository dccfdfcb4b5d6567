-- Renamed from 0007_client_license_subscriptions.sql (migration numbers are unique per service).
-- The subscription lines last published with a client's figures (ClientLicensesChanged.Subscriptions), so a change
-- seen only in the list is published too. Null for rows published before: the next recomputation publishes them.
ALTER TABLE client_licenses ADD COLUMN subscriptions jsonb NULL;

-- Coverage per product (docs/domain.md "Licences: coverage per product").
-- The subscription service's covering products of each client (ClientLicensesChanged.Products): [{productId,
-- productName, covers, quantity, monthlyUnitPrice, currency}]. Null when the copy came from a publisher before products
-- existed: then the client's device licences count as one product covering all devices.
ALTER TABLE client_licenses ADD COLUMN products jsonb NULL;

-- Each client's comparison product by product, as the drill-down and the per-product export show it: [{productId,
-- productName, covers, coveredDevices, quantity, variance, status, monthlyUnitPrice, currency}].
ALTER TABLE client_reconciliations ADD COLUMN products jsonb NOT NULL DEFAULT '[]';

-- An under-licensed opportunity is per product: which one, as it was named when the gap was seen.
ALTER TABLE missed_billing ADD COLUMN product_id uuid NULL;
ALTER TABLE missed_billing ADD COLUMN product_name text NULL;

-- A snapshot's history row keeps the client's row figures of that snapshot: Licences (the least-covered product's
-- quantity) and Variance (the largest per-product variance), which is not devices − licences once products cover
-- device classes. Null on rows from before: their variance was devices − licences.
ALTER TABLE client_snapshot_devices ADD COLUMN variance integer NULL;

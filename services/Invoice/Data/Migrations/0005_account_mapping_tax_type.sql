-- The Xero tax type (TaxType, e.g. OUTPUT for GST on income) each billing type's draft invoice lines carry, next to
-- their account code. Null: Xero applies the account's default tax rate.
ALTER TABLE account_mappings ADD COLUMN tax_type text NULL;

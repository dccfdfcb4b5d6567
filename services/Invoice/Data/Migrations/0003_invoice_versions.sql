-- Grows with every stored change of an invoice (a sync changing it, its contact's client changing): InvoiceUpserted
-- carries it, and read copies keep the highest.
ALTER TABLE invoices ADD COLUMN version bigint NOT NULL DEFAULT 1;

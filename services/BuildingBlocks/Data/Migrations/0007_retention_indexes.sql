-- The retention purge finds expired rows by these times a batch at a time; without an index every batch would scan
-- the whole table. Only sent outbox rows ever expire.
CREATE INDEX IF NOT EXISTS ix_inbox_processed ON inbox_messages (processed_at);
CREATE INDEX IF NOT EXISTS ix_outbox_sent ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;

-- The retention purge finds expired idempotency keys by receipt time. Keys are written in receipt order, so a BRIN
-- index answers that range for almost nothing on the ingest path (a b-tree would add a write per reading).
CREATE INDEX IF NOT EXISTS ix_ingested_readings_received_brin ON ingested_readings USING brin (received_at);

-- Outbox payloads are written once and read back whole by the relay, never queried by their contents on the hot
-- path: json keeps the serialized text as is, where jsonb parsed every payload on insert and rendered it back to text
-- on every read (a usage batch is about 1 MB). lz4, where the server has it, compresses such a payload several
-- times faster than the default pglz.
ALTER TABLE outbox_messages ALTER COLUMN payload TYPE json USING payload::json;
DO $$
BEGIN
    ALTER TABLE outbox_messages ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; outbox payloads keep the default compression';
END;
$$;

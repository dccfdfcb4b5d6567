-- Reading ids are now kept where the readings are stored, in metering's stored_reading_ids, written in the same
-- transaction as the readings (docs/domain.md, "Readings and assets"); ingestion no longer claims them.
DROP TABLE ingested_readings;

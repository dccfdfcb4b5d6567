-- Renamed from 0003_directory_moves_to_identity.sql (migration numbers are unique per service).
-- Organizations, users and API keys now belong to the identity service, in its own database. Their rows wait in
-- this schema until identity has copied them (its DirectoryHandover), which then drops the schema. Nothing in
-- this service reads them any more; the key → client foreign key goes because identity checks clients itself.
CREATE SCHEMA directory_handover;
ALTER TABLE api_keys DROP CONSTRAINT fk_api_keys_client;
ALTER TABLE organizations SET SCHEMA directory_handover;
ALTER TABLE users SET SCHEMA directory_handover;
ALTER TABLE api_keys SET SCHEMA directory_handover;

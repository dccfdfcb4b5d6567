-- Renamed from 0010_drop_directory_handover.sql (migration numbers are unique per service).
-- The directory (organizations, users, API keys) moved to the identity service before any installation existed, so no
-- handover reads the tables 0004 set aside: they are dropped, password and key hashes with them.
DROP SCHEMA IF EXISTS directory_handover CASCADE;

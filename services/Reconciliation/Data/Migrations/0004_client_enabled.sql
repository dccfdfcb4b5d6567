-- Whether the client is enabled (ClientUpserted.Enabled): a disabled client is not compared, not counted and has no
-- open missed billing. Clients copied before the flag was kept were enabled as far as this copy knows; the next
-- ClientUpserted of a disabled one corrects it.
ALTER TABLE clients ADD COLUMN enabled boolean NOT NULL DEFAULT true;
ALTER TABLE clients ALTER COLUMN enabled DROP DEFAULT;

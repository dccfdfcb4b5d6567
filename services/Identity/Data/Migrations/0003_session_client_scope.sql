-- A signed-in user may scope their session to one client (the header's "Scope to client"): the gateway's internal
-- token for that session then carries the client, so every service's lists narrow to it.

-- Only enabled clients can be chosen. Copies taken before this column existed count as enabled until their next
-- ClientUpserted says otherwise.
ALTER TABLE clients ADD COLUMN enabled boolean NOT NULL DEFAULT true;

-- Null: the whole organization. The foreign key keeps the scope to a client of the session's own organization.
ALTER TABLE sessions
    ADD COLUMN client_scope uuid NULL,
    ADD CONSTRAINT fk_sessions_client_scope FOREIGN KEY (org_id, client_scope) REFERENCES clients (org_id, id);

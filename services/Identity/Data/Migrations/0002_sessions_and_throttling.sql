-- Server-side web sessions, sign-in throttling per account and source, and emails unique per organization.

-- An email names one user per organization, no longer one in all of BillingOne: adding a user whose email another
-- organization already has must succeed like any other, so it cannot tell that the email exists elsewhere.
DROP INDEX ux_users_email;
CREATE UNIQUE INDEX ux_users_org_email ON users (org_id, lower(email));
-- Sign-in still starts from the email alone.
CREATE INDEX ix_users_email ON users (lower(email));

-- The per-account lockout let anyone who knew an email lock its owner out; sign_in_throttles replaces it.
ALTER TABLE users DROP COLUMN failed_sign_ins, DROP COLUMN locked_until;

-- A signed-in browser. The gateway's session token names the row; sign-out deletes it, and a row past its idle
-- timeout or absolute lifetime is refused (and deleted) when the gateway checks it.
CREATE TABLE sessions (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    -- Moved forward at most once a minute by the checks, so the idle timeout is exact to that minute.
    last_seen_at timestamptz NOT NULL,
    -- created_at plus the absolute lifetime: no activity extends a session past it.
    expires_at   timestamptz NOT NULL,
    CONSTRAINT fk_sessions_user FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX ix_sessions_user ON sessions (user_id);

-- Failed sign-ins per (email, source address), and per email over all sources (source '*'). Keyed by the email as
-- typed (lower-cased), whether or not a user has it, so the answers never tell which emails exist.
CREATE TABLE sign_in_throttles (
    account         text        NOT NULL,
    source          text        NOT NULL,
    failures        integer     NOT NULL CHECK (failures >= 0),
    last_failure_at timestamptz NOT NULL,
    -- Sign-ins from this source are answered 429 without a password check until then (never set for '*').
    blocked_until   timestamptz NULL,
    PRIMARY KEY (account, source)
);

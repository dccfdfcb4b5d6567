-- The organization directory: organizations and their settings, the people who sign in, and API keys. They used
-- to live in the subscription service's database; DirectoryHandover copies the rows from there once.

CREATE TABLE organizations (
    id                  uuid        PRIMARY KEY,
    name                text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    -- IANA zone clients default to.
    time_zone           text        NOT NULL DEFAULT 'UTC',
    -- ISO-4217 code the organization bills in.
    currency            text        NOT NULL DEFAULT 'AUD' CHECK (currency ~ '^[A-Z]{3}$'),
    -- Days after a period ends that billing waits for late usage.
    billing_grace_days  integer     NOT NULL DEFAULT 5 CHECK (billing_grace_days BETWEEN 0 AND 60),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    org_id          uuid        NOT NULL CONSTRAINT fk_users_organization REFERENCES organizations (id),
    id              uuid        NOT NULL,
    email           text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
    display_name    text        NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
    -- ASP.NET Core Identity PasswordHasher format (base64, algorithm and iteration count inside).
    password_hash   text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('owner', 'admin', 'finance', 'read-only')),
    enabled         boolean     NOT NULL DEFAULT true,
    -- Wrong passwords in a row since the last success or lockout.
    failed_sign_ins integer     NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until    timestamptz NULL,
    last_sign_in_at timestamptz NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (org_id, id)
);

-- Sign-in finds the organization from the email alone, so an email belongs to one user anywhere, in any case.
CREATE UNIQUE INDEX ux_users_email ON users (lower(email));
-- Session checks name the user by id only (the id is a global uuid).
CREATE UNIQUE INDEX ux_users_id ON users (id);
CREATE INDEX ix_users_org_name ON users (org_id, lower(display_name), id);

-- The subscription service's clients as ClientUpserted announces them: a client-scoped key must name one of its
-- organization's clients, and key lists show the client's name.
CREATE TABLE clients (
    org_id      uuid    NOT NULL,
    id          uuid    NOT NULL,
    name        text    NOT NULL,
    version     bigint  NOT NULL CHECK (version >= 1),
    PRIMARY KEY (org_id, id)
);

CREATE TABLE api_keys (
    org_id       uuid        NOT NULL CONSTRAINT fk_api_keys_organization REFERENCES organizations (id),
    id           uuid        NOT NULL,
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    -- The visible start of the key (bo_xxxxxxxx); the rest is never stored.
    prefix       text        NOT NULL CHECK (prefix ~ '^bo_[a-z0-9]{8}$'),
    -- Lower-case hex SHA-256 of the whole key.
    key_hash     text        NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    role         text        NOT NULL CHECK (role IN ('admin', 'finance', 'read-only', 'ingest')),
    -- Set for keys that see one client only; that client must be the organization's own.
    client_id    uuid        NULL,
    enabled      boolean     NOT NULL DEFAULT true,
    -- Revocation is permanent; revoked keys stay listed.
    revoked_at   timestamptz NULL,
    created_at   timestamptz NOT NULL,
    -- Kept current by batched flushes, not a write per request, so it may trail by the flush interval.
    last_used_at timestamptz NULL,
    PRIMARY KEY (org_id, id),
    CONSTRAINT fk_api_keys_client FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
    -- Administration is organization-wide; a client-scoped admin key could mint unscoped keys.
    CONSTRAINT ck_api_keys_admin_unscoped CHECK (client_id IS NULL OR role <> 'admin')
);

-- Verification looks a presented key up by its hash alone: the key is what names the organization.
CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (key_hash);
CREATE INDEX ix_api_keys_org_created ON api_keys (org_id, created_at, id);

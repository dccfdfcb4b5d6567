-- Two-factor sign-in with authenticator apps (TOTP, RFC 6238): Settings → Security and the sign-in's second step.

-- A user's authenticator secret, encrypted with Data Protection as the mail server's password is. Unconfirmed
-- (confirmed_at NULL) from enrollment until the user proves their app with a first code; only a confirmed one is
-- asked for at sign-in. last_used_step is the time step of the last code accepted: no code of that step or an
-- earlier one is accepted again.
CREATE TABLE user_totp (
    org_id           uuid        NOT NULL,
    user_id          uuid        NOT NULL,
    protected_secret text        NOT NULL,
    created_at       timestamptz NOT NULL,
    confirmed_at     timestamptz NULL,
    last_used_step   bigint      NULL,
    PRIMARY KEY (org_id, user_id),
    CONSTRAINT fk_user_totp_user FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

-- A password proven for a user with two-factor on: the sign-in waits for the code. The id is the only handle the
-- gateway gets; it expires after a few minutes and after a few wrong codes.
CREATE TABLE sign_in_challenges (
    id         uuid        PRIMARY KEY,
    org_id     uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    source     text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    failures   integer     NOT NULL DEFAULT 0,
    CONSTRAINT fk_sign_in_challenges_user FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);
CREATE INDEX ix_sign_in_challenges_expires ON sign_in_challenges (expires_at);

-- The organization's switch: every user must have two-factor on; one without is sent to enroll after signing in and
-- may do nothing else until they have.
ALTER TABLE organizations ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false;

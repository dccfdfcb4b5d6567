-- The addresses each user signed in from: the account-wide sign-in delay never holds back one used in the last 30 days
-- (so a guesser cannot lock the owner out of their own devices); and when the user last acknowledged the notice of
-- failed sign-ins on their account.
CREATE TABLE sign_in_sources (
    org_id            uuid        NOT NULL,
    user_id           uuid        NOT NULL,
    source            text        NOT NULL,
    last_signed_in_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, user_id, source),
    CONSTRAINT fk_sign_in_sources_user FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

ALTER TABLE users ADD COLUMN failed_sign_ins_seen_at timestamptz NULL;

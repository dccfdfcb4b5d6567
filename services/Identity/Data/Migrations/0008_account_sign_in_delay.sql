-- The address each user last signed in from, which the account-wide sign-in delay never holds back (so a guesser
-- cannot lock the owner out), and when the user last acknowledged the notice of failed sign-ins on their account.
ALTER TABLE users
    ADD COLUMN last_sign_in_source text NULL,
    ADD COLUMN failed_sign_ins_seen_at timestamptz NULL;

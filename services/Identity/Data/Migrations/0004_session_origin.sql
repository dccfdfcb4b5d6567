-- Where a session signed in from, for the user's own list of sessions (Settings → Sessions): the address the gateway
-- saw and passed with the sign-in, which also keys the sign-in throttle. Sessions opened before this column existed
-- have none. The browser's user agent is not passed by the gateway, so it is not kept.
ALTER TABLE sessions ADD COLUMN source text NULL;

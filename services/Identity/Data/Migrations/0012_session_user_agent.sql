-- The browser a session signed in with (its User-Agent, as the gateway forwarded it, at most 512 characters), so
-- Settings → Sessions can tell the sessions apart. Null for sessions older than this and for sign-ins without one.
ALTER TABLE sessions ADD COLUMN user_agent text;

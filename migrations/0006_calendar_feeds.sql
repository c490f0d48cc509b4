-- Subscribable iCalendar feeds of a group's meetings. Calendar programs cannot sign in, so a feed
-- is reached by a secret URL; only its hash is stored, and it stops working when revoked or when its
-- user is disabled.
CREATE TABLE calendar_feeds (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    group_id    TEXT NOT NULL REFERENCES groups(id),
    created_at  {{timestamptz}} NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);

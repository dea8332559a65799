-- Keys get a name given at creation and the time they were last used (written at most about once a minute per
-- key and server), and are listed per workspace.
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS name text NULL;
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS last_used_at bigint NULL;
CREATE INDEX IF NOT EXISTS api_keys_by_workspace ON api_keys (workspace_id, created_at);

-- Sites a bot refused (its allowed domains do not match them): how often and when last, so the owner can allow
-- a site of theirs that was forgotten. Kept short per bot (the most frequent and the most recent), since anyone
-- can send any Origin.
CREATE TABLE IF NOT EXISTS refused_origins (
    bot_id    text NOT NULL,
    origin    text NOT NULL,
    refusals  bigint NOT NULL,
    last_seen bigint NOT NULL,
    PRIMARY KEY (bot_id, origin)
);

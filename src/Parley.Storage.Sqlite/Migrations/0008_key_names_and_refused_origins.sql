-- Keys get a name given at creation and the time they were last used (written at most about once a minute per
-- key and server), and are listed per workspace.
ALTER TABLE api_keys ADD COLUMN name TEXT NULL;
ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER NULL;
CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id, created_at);

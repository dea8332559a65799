-- Privacy: how many days a workspace keeps conversations after their last message (NULL: until deleted), and
-- finding every conversation of one visitor's session, to erase them on request. Idempotent, so a database put
-- back to an earlier migration can replay it.
ALTER TABLE workspaces ADD COLUMN IF NOT EXISTS retention_days integer NULL;
CREATE INDEX IF NOT EXISTS conversations_by_session ON conversations (session_id);

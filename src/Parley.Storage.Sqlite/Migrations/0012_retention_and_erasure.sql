-- Privacy: how many days a workspace keeps conversations after their last message (NULL: until deleted), and
-- finding every conversation of one visitor's session, to erase them on request.
ALTER TABLE workspaces ADD COLUMN retention_days INTEGER NULL;
CREATE INDEX conversations_by_session ON conversations (session_id);

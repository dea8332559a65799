-- Where each conversation came from and its first question as a title, for the conversation log; and why a
-- failed answer failed, for its owner. Idempotent, so a database put back to an earlier migration (as the schema
-- upgrade test does) can replay it.
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS channel text NOT NULL DEFAULT 'public';
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS title text NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN IF NOT EXISTS failure text NULL;

-- Conversations from before channels were kept: the Playground has always named its sessions playground-….
UPDATE conversations SET channel = 'playground' WHERE channel = 'public' AND session_id LIKE 'playground-%';
UPDATE conversations c SET title = CASE WHEN length(q.text) > 80 THEN substr(q.text, 1, 79) || '…' ELSE q.text END
FROM (SELECT DISTINCT ON (conversation_id) conversation_id, trim(regexp_replace(content, '\s+', ' ', 'g')) AS text
      FROM messages WHERE role = 'User' ORDER BY conversation_id, seq) q
WHERE q.conversation_id = c.id AND c.title = '';

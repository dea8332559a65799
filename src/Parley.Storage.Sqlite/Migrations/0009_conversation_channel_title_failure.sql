-- Where each conversation came from and its first question as a title, for the conversation log; and why a
-- failed answer failed, for its owner.
ALTER TABLE conversations ADD COLUMN channel TEXT NOT NULL DEFAULT 'public';
ALTER TABLE conversations ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN failure TEXT NULL;

-- Conversations from before channels were kept: the Playground has always named its sessions playground-….
UPDATE conversations SET channel = 'playground' WHERE channel = 'public' AND session_id LIKE 'playground-%';
UPDATE conversations SET title = coalesce((
    SELECT CASE WHEN length(q.text) > 80 THEN substr(q.text, 1, 79) || '…' ELSE q.text END
    FROM (SELECT trim(replace(replace(replace(m.content, char(13), ' '), char(10), ' '), char(9), ' ')) AS text
          FROM messages m WHERE m.conversation_id = conversations.id AND m.role = 'User' ORDER BY m.seq LIMIT 1) q), '')
WHERE title = '';

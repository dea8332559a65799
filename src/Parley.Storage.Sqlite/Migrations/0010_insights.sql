-- How each answer went (answered, no_knowledge, declined, filtered, failed, interrupted, saved_answer), for the bot's
-- insights; answers stored before this have none and are read by their failure and interrupted fields.
ALTER TABLE messages ADD COLUMN outcome TEXT NULL;

-- Visitor questions grouped by meaning, per bot and per the model that compared them (an embedding model's id, or
-- 'words'). A group is led by its first question: its embedding, or its stemmed words (space-separated) without a
-- model. The question's text stays in messages only, so deleting a message leaves no copy of what was asked here.
CREATE TABLE IF NOT EXISTS question_groups (
    id         TEXT PRIMARY KEY,
    bot_id     TEXT NOT NULL,
    model      TEXT NOT NULL,
    leader_id  TEXT NOT NULL,
    embedding  BLOB NULL,
    terms      TEXT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS question_groups_by_bot ON question_groups (bot_id, model, created_at);

-- Which group each visitor question is in; a question with no row here is grouped by the next pass of the worker.
CREATE TABLE IF NOT EXISTS question_group_members (
    message_id TEXT PRIMARY KEY,
    group_id   TEXT NOT NULL,
    bot_id     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS question_group_members_by_group ON question_group_members (group_id);

-- Insights count a bot's visitor questions in the database: reading a conversation's questions (role, time) from
-- one index, and each question's group and each answer's vote without visiting their tables (the insights read
-- names the last two, which the planner would pass over for the primary keys').
CREATE INDEX messages_for_insights ON messages (conversation_id, role, created_at, id);
CREATE INDEX feedback_votes ON feedback (message_id, rating);
CREATE INDEX question_group_members_of_message ON question_group_members (message_id, group_id);
CREATE INDEX conversations_for_insights ON conversations (bot_id, channel, created_at, updated_at, id);

-- The answers an owner wrote from insights: which question (a visitor's message) each Q&A source was written for,
-- so the question's unanswered row says its answer is saved (while no later question of its group went unanswered
-- and the source exists). Ids only: no visitor's words are copied here.
CREATE TABLE written_answers (
    source_id  TEXT NOT NULL,
    message_id TEXT NOT NULL,
    bot_id     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (source_id, message_id)
);
CREATE INDEX written_answers_by_bot ON written_answers (bot_id, created_at);

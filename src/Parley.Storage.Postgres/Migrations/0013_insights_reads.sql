-- Insights count a bot's visitor questions in the database: reading a conversation's questions (role, time) from
-- one index, and each question's group and each answer's vote without visiting their tables. Idempotent, so a
-- database put back to an earlier migration can replay it.
CREATE INDEX IF NOT EXISTS messages_for_insights ON messages (conversation_id, role, created_at) INCLUDE (id, seq);
CREATE INDEX IF NOT EXISTS feedback_votes ON feedback (message_id) INCLUDE (rating);
CREATE INDEX IF NOT EXISTS question_group_members_of_message ON question_group_members (message_id) INCLUDE (group_id);
CREATE INDEX IF NOT EXISTS conversations_for_insights ON conversations (bot_id, channel, created_at) INCLUDE (updated_at, id);

-- The answers an owner wrote from insights: which question (a visitor's message) each Q&A source was written for,
-- so the question's unanswered row says its answer is saved (while no later question of its group went unanswered
-- and the source exists). Ids only: no visitor's words are copied here.
CREATE TABLE IF NOT EXISTS written_answers (
    source_id  text NOT NULL,
    message_id text NOT NULL,
    bot_id     text NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (source_id, message_id)
);
CREATE INDEX IF NOT EXISTS written_answers_by_bot ON written_answers (bot_id, created_at);

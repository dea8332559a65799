-- Saved answers: every Q&A source answers close questions verbatim. Its question's embedding is kept apart from
-- its passage's (a question is compared with a question), with the model and the question text it was made from,
-- so a change of either is seen; each source counts how often its answer was given; a message names the Q&A
-- source it was given from. Idempotent, so a database put back to an earlier migration can replay it.
CREATE TABLE IF NOT EXISTS saved_questions (
    source_id  text PRIMARY KEY,
    bot_id     text NOT NULL,
    question   text NOT NULL,
    model      text NOT NULL,
    embedding  vector NOT NULL
);
CREATE INDEX IF NOT EXISTS saved_questions_by_bot ON saved_questions (bot_id);

ALTER TABLE sources ADD COLUMN IF NOT EXISTS hits integer NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN IF NOT EXISTS last_hit_at bigint NULL;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS saved_answer_source_id text NULL;

-- Saved answers: every Q&A source answers close questions verbatim. Its question's embedding is kept apart from
-- its passage's (a question is compared with a question), with the model and the question text it was made from,
-- so a change of either is seen; each source counts how often its answer was given; a message names the Q&A
-- source it was given from.
CREATE TABLE saved_questions (
    source_id  TEXT PRIMARY KEY,
    bot_id     TEXT NOT NULL,
    question   TEXT NOT NULL,
    model      TEXT NOT NULL,
    embedding  BLOB NOT NULL
);
CREATE INDEX saved_questions_by_bot ON saved_questions (bot_id);

ALTER TABLE sources ADD COLUMN hits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_hit_at INTEGER NULL;
ALTER TABLE messages ADD COLUMN saved_answer_source_id TEXT NULL;

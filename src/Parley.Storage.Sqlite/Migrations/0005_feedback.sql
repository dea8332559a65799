-- Visitors' thumbs up (1) or down (-1) on answers; one vote per answer, the latest wins.
CREATE TABLE feedback (
    message_id      TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    bot_id          TEXT NOT NULL,
    rating          INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX feedback_by_conversation ON feedback (conversation_id);
CREATE INDEX feedback_by_bot ON feedback (bot_id);

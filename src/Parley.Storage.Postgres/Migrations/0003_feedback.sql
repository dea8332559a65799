-- Visitors' thumbs up (1) or down (-1) on answers; one vote per answer, the latest wins.
CREATE TABLE feedback (
    message_id      text PRIMARY KEY,
    conversation_id text NOT NULL,
    bot_id          text NOT NULL,
    rating          integer NOT NULL,
    created_at      bigint NOT NULL
);
CREATE INDEX feedback_by_conversation ON feedback (conversation_id);
CREATE INDEX feedback_by_bot ON feedback (bot_id);

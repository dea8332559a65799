CREATE TABLE workspaces (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    credits_milli INTEGER NOT NULL,
    trial_ends_at INTEGER NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL
);

-- Settings live in one JSON document so that new bot settings need no migration.
-- knowledge_version moves with every change to the bot's sources, so in-memory search indexes know when to rebuild.
CREATE TABLE bots (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL,
    data              TEXT NOT NULL,
    knowledge_version INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL
);
CREATE INDEX bots_by_workspace ON bots (workspace_id, created_at);

CREATE TABLE sources (
    id         TEXT PRIMARY KEY,
    bot_id     TEXT NOT NULL,
    type       TEXT NOT NULL,
    title      TEXT NOT NULL,
    url        TEXT NULL,
    question   TEXT NULL,
    content    TEXT NOT NULL,
    status     TEXT NOT NULL,
    error      TEXT NULL,
    chunks     INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX sources_by_bot ON sources (bot_id, created_at);

CREATE TABLE chunks (
    id         INTEGER PRIMARY KEY,
    bot_id     TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    ordinal    INTEGER NOT NULL,
    page_title TEXT NOT NULL,
    url        TEXT NULL,
    heading    TEXT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX chunks_by_source ON chunks (source_id);
CREATE INDEX chunks_by_bot ON chunks (bot_id, id);

CREATE TABLE conversations (
    id         TEXT PRIMARY KEY,
    bot_id     TEXT NOT NULL,
    session_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX conversations_by_bot ON conversations (bot_id, updated_at);

CREATE TABLE messages (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL,
    role            TEXT NOT NULL,
    content         TEXT NOT NULL,
    citations       TEXT NULL,
    interrupted     INTEGER NOT NULL,
    input_tokens    INTEGER NOT NULL,
    output_tokens   INTEGER NOT NULL,
    credits_milli   INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, seq);

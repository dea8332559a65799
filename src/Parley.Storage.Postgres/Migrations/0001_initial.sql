-- The same model as the SQLite backend (timestamps in Unix milliseconds, credits in thousandths, bot
-- settings as one JSON document), so a deployment moves between the two without conversion.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE workspaces (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    credits_milli bigint NOT NULL,
    trial_ends_at bigint NULL,
    created_at    bigint NOT NULL
);

CREATE TABLE api_keys (
    id           text PRIMARY KEY,
    workspace_id text NOT NULL,
    prefix       text NOT NULL,
    key_hash     text NOT NULL UNIQUE,
    created_at   bigint NOT NULL
);

-- knowledge_version moves with every change to the bot's sources, so search indexes know when to rebuild.
CREATE TABLE bots (
    id                text PRIMARY KEY,
    workspace_id      text NOT NULL,
    data              text NOT NULL,
    knowledge_version bigint NOT NULL DEFAULT 0,
    created_at        bigint NOT NULL
);
CREATE INDEX bots_by_workspace ON bots (workspace_id, created_at);

CREATE TABLE sources (
    id                    text PRIMARY KEY,
    bot_id                text NOT NULL,
    type                  text NOT NULL,
    title                 text NOT NULL,
    url                   text NULL,
    question              text NULL,
    content               text NOT NULL,
    status                text NOT NULL,
    error                 text NULL,
    chunks                integer NOT NULL,
    pages                 integer NOT NULL DEFAULT 0,
    pages_total           integer NULL,
    crawl                 text NULL,
    sync_interval_seconds integer NULL,
    last_synced_at        bigint NULL,
    created_at            bigint NOT NULL,
    updated_at            bigint NOT NULL
);
CREATE INDEX sources_by_bot ON sources (bot_id, created_at);

-- embedding: a unit vector of whatever length the configured model makes (no fixed dimension, so a
-- change of model needs no migration); NULL when no embedding model is configured.
CREATE TABLE chunks (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id          text NOT NULL,
    source_id       text NOT NULL,
    ordinal         integer NOT NULL,
    page_title      text NOT NULL,
    url             text NULL,
    heading         text NULL,
    text            text NOT NULL,
    page_url        text NULL,
    embedding       vector NULL,
    embedding_model text NULL
);
CREATE INDEX chunks_by_source ON chunks (source_id);
CREATE INDEX chunks_by_bot ON chunks (bot_id, id);
CREATE INDEX chunks_by_page ON chunks (source_id, page_url);

CREATE TABLE conversations (
    id         text PRIMARY KEY,
    bot_id     text NOT NULL,
    session_id text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
);
CREATE INDEX conversations_by_bot ON conversations (bot_id, updated_at);

CREATE TABLE messages (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              text NOT NULL UNIQUE,
    conversation_id text NOT NULL,
    role            text NOT NULL,
    content         text NOT NULL,
    citations       text NULL,
    interrupted     boolean NOT NULL,
    input_tokens    integer NOT NULL,
    output_tokens   integer NOT NULL,
    credits_milli   bigint NOT NULL,
    created_at      bigint NOT NULL
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, seq);

CREATE TABLE pages (
    source_id     text NOT NULL,
    url           text NOT NULL,
    title         text NOT NULL,
    content_hash  text NOT NULL,
    etag          text NULL,
    last_modified text NULL,
    PRIMARY KEY (source_id, url)
);
CREATE INDEX pages_by_hash ON pages (source_id, content_hash);

CREATE TABLE frontier (
    source_id text NOT NULL,
    url       text NOT NULL,
    depth     integer NOT NULL,
    seq       bigint NOT NULL,
    visited   boolean NOT NULL DEFAULT false,
    kept      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (source_id, url)
);
CREATE INDEX frontier_pending ON frontier (source_id, visited, seq);

-- At most one job per source, queued or running: enqueueing is an insert that may find one already there.
CREATE TABLE jobs (
    id          text PRIMARY KEY,
    source_id   text NOT NULL UNIQUE,
    bot_id      text NOT NULL,
    status      text NOT NULL,
    attempt     integer NOT NULL,
    worker      text NULL,
    lease_until bigint NULL,
    created_at  bigint NOT NULL
);
CREATE INDEX jobs_by_status ON jobs (status, created_at);

-- The ASP.NET Core Data Protection key ring, so a secret encrypted by one replica is read by every other.
CREATE TABLE data_protection_keys (
    name text PRIMARY KEY,
    xml  text NOT NULL
);

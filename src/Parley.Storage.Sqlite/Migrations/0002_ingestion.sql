-- Background ingestion of web pages: sources that fetch pages, the pages they indexed, each sync's
-- frontier of URLs, and the job queue. All of it persisted, so a sync survives a restart.
ALTER TABLE sources ADD COLUMN pages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN pages_total INTEGER NULL;
ALTER TABLE sources ADD COLUMN crawl TEXT NULL;
ALTER TABLE sources ADD COLUMN sync_interval_seconds INTEGER NULL;
ALTER TABLE sources ADD COLUMN last_synced_at INTEGER NULL;

ALTER TABLE chunks ADD COLUMN page_url TEXT NULL;
CREATE INDEX chunks_by_page ON chunks (source_id, page_url);

CREATE TABLE pages (
    source_id     TEXT NOT NULL,
    url           TEXT NOT NULL,
    title         TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    etag          TEXT NULL,
    last_modified TEXT NULL,
    PRIMARY KEY (source_id, url)
);
CREATE INDEX pages_by_hash ON pages (source_id, content_hash);

CREATE TABLE frontier (
    source_id TEXT NOT NULL,
    url       TEXT NOT NULL,
    depth     INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    visited   INTEGER NOT NULL DEFAULT 0,
    kept      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, url)
);
CREATE INDEX frontier_pending ON frontier (source_id, visited, seq);

CREATE TABLE jobs (
    id          TEXT PRIMARY KEY,
    source_id   TEXT NOT NULL,
    bot_id      TEXT NOT NULL,
    status      TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    worker      TEXT NULL,
    lease_until INTEGER NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX jobs_by_status ON jobs (status, created_at);
CREATE INDEX jobs_by_source ON jobs (source_id, status);

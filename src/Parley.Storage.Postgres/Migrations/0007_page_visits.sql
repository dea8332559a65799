-- What each sync did with every URL of a source it met: indexed, unchanged, skipped or failed, and why, so an
-- owner can see why a page is (not) in the bot's knowledge. A row belongs to the sync (job) that last met its URL;
-- a sync that finishes forgets the rows of pages it did not visit. URLs sort by their bytes, as in SQLite, so a
-- listing pages through them the same way on both backends. Safe to apply again.
CREATE TABLE IF NOT EXISTS page_visits (
    source_id  text NOT NULL,
    url        text COLLATE "C" NOT NULL,
    job_id     text NOT NULL,
    title      text NULL,
    status     text NOT NULL,
    reason     text NULL,
    fetched_at bigint NULL,
    PRIMARY KEY (source_id, url)
);
CREATE INDEX IF NOT EXISTS page_visits_by_status ON page_visits (source_id, status, url);

-- The pages indexed before visits were recorded.
INSERT INTO page_visits (source_id, url, job_id, title, status, reason, fetched_at)
SELECT source_id, url, '', title, 'Indexed', NULL, NULL FROM pages
ON CONFLICT DO NOTHING;

-- What each sync did with every URL of a source it met: indexed, unchanged, skipped or failed, and why, so an
-- owner can see why a page is (not) in the bot's knowledge. A row belongs to the sync (job) that last met its URL;
-- a sync that finishes forgets the rows of pages it did not visit.
CREATE TABLE page_visits (
    source_id  TEXT NOT NULL,
    url        TEXT NOT NULL,
    job_id     TEXT NOT NULL,
    title      TEXT NULL,
    status     TEXT NOT NULL,
    reason     TEXT NULL,
    fetched_at INTEGER NULL,
    PRIMARY KEY (source_id, url)
);
CREATE INDEX page_visits_by_status ON page_visits (source_id, status, url);

-- The pages indexed before visits were recorded.
INSERT INTO page_visits (source_id, url, job_id, title, status, reason, fetched_at)
SELECT source_id, url, '', title, 'Indexed', NULL, NULL FROM pages;

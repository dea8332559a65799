-- Lexical search by Parley's own terms: the stems its analyzer (QueryTerms) gives, the same ones the in-memory
-- index uses, so a question's stems are looked up exactly instead of as prefixes of raw words, which made GIN
-- expand every prefix and rank thousands of loose matches. The column is written by the application, since the
-- analyzer is C#: on insert, and for the chunks already stored by PostgresMigrations right after this script.
-- The bot is the index's first column (btree_gin), so a lookup never visits another bot's chunks.
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX IF EXISTS chunks_search;
ALTER TABLE chunks DROP COLUMN IF EXISTS search;
ALTER TABLE chunks ADD COLUMN terms tsvector;
CREATE INDEX chunks_terms ON chunks USING gin (bot_id, terms);

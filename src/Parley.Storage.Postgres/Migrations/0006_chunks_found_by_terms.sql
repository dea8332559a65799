-- A bot's chunks are found through the GIN index on (bot, terms) alone. With a B-tree on the bot beside it, the
-- planner, seeing a LIMIT and no statistics yet for a new bot or a hard-to-estimate question, could read a bot's
-- chunks one by one through the B-tree and test each for the question's terms: 30 ms a question instead of 2.
-- The GIN index serves plain "chunks of this bot" reads too (btree_gin), which sort what they read.
DROP INDEX IF EXISTS chunks_by_bot;

-- New entries go straight into the index rather than into GIN's pending list, which every search would scan
-- whole until a vacuum merged it (a manual ANALYZE does not): knowledge is read far more often than written.
ALTER INDEX chunks_terms SET (fastupdate = off);
SELECT gin_clean_pending_list('chunks_terms'::regclass);

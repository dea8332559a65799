-- Lexical search in the database: every word of a chunk (title and heading included), lower-cased and
-- unstemmed ('simple'), so Parley's own stemmer can match query stems as prefixes and rank the candidates.
-- Vector search uses HNSW indexes created per embedding model once its dimension is known (see PostgresKnowledgeSearch).
ALTER TABLE chunks ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', page_title || ' ' || coalesce(heading, '') || ' ' || text)) STORED;
CREATE INDEX chunks_search ON chunks USING gin (search);

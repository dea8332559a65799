-- Each chunk's embedding: little-endian float32s, a unit vector. NULL when no embedding model is configured.
ALTER TABLE chunks ADD COLUMN embedding BLOB NULL;

-- Which model made each chunk's embedding, so a change of model can find and re-embed the old ones.
ALTER TABLE chunks ADD COLUMN embedding_model TEXT NULL;

using System.Text.Json;
using Dapper;
using Parley.Core.Knowledge;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteKnowledgeStore(SqliteDatabase db) : IKnowledgeStore
{
    private const string SelectSource =
        """
        SELECT id, bot_id, type, title, url, question, content, status, error, chunks, pages, pages_total, crawl,
               sync_interval_seconds, last_synced_at, hits, last_hit_at, created_at, updated_at
        FROM sources
        """;

    public Task AddSourceAsync(Source source, IReadOnlyList<Chunk> chunks, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute(
                """
                INSERT INTO sources (id, bot_id, type, title, url, question, content, status, error, chunks, crawl,
                                     sync_interval_seconds, created_at, updated_at)
                VALUES (@Id, @BotId, @Type, @Title, @Url, @Question, @Content, @Status, @Error, @Chunks, @Crawl,
                        @SyncIntervalSeconds, @CreatedAt, @UpdatedAt)
                """,
                SourceRow.From(source with { Chunks = chunks.Count }), tx);
            InsertChunks(c, tx, source, chunks);
            BumpKnowledgeVersion(c, tx, source.BotId);
        }, ct);

    public Task<bool> UpdateSourceAsync(Source source, IReadOnlyList<Chunk>? chunks, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var updated = c.Execute(
                """
                UPDATE sources SET title = @Title, url = @Url, question = @Question, content = @Content,
                                   sync_interval_seconds = @SyncIntervalSeconds, updated_at = @UpdatedAt
                WHERE id = @Id AND bot_id = @BotId
                """,
                SourceRow.From(source), tx);
            if (updated == 0 || chunks is null)
                return updated == 1;
            c.Execute("DELETE FROM chunks WHERE source_id = @Id", new { source.Id }, tx);
            InsertChunks(c, tx, source, chunks);
            c.Execute("UPDATE sources SET chunks = @Count WHERE id = @Id", new { source.Id, chunks.Count }, tx);
            BumpKnowledgeVersion(c, tx, source.BotId);
            return true;
        }, ct);

    public Task<IReadOnlyList<Chunk>> ReadPassagesAsync(string botId, string sourceId, string? pageUrl, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Chunk>>(c => c.Query<(long Ordinal, string PageTitle, string? Url, string? Heading, string Text)>(
                """
                SELECT ordinal, page_title, url, heading, text FROM chunks
                WHERE bot_id = @botId AND source_id = @sourceId AND (@pageUrl IS NULL OR page_url = @pageUrl)
                ORDER BY ordinal, id
                """,
                new { botId, sourceId, pageUrl })
            .Select(r => new Chunk((int)r.Ordinal, r.PageTitle, r.Url, string.IsNullOrEmpty(r.Heading) ? null : r.Heading, r.Text))
            .ToList(), ct);

    public Task<Source?> GetSourceAsync(string botId, string sourceId, CancellationToken ct = default) =>
        db.ReadAsync(c => c.QuerySingleOrDefault<SourceRow>(
            $"{SelectSource} WHERE id = @sourceId AND bot_id = @botId", new { botId, sourceId })?.ToSource(), ct);

    public Task<IReadOnlyList<Source>> ListSourcesAsync(string botId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Source>>(c => c.Query<SourceRow>(
            $"{SelectSource} WHERE bot_id = @botId ORDER BY created_at, id", new { botId }).Select(r => r.ToSource()).ToList(), ct);

    public Task<bool> DeleteSourceAsync(string botId, string sourceId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            if (c.Execute("DELETE FROM sources WHERE id = @sourceId AND bot_id = @botId", new { botId, sourceId }, tx) == 0)
                return false;
            var args = new { sourceId };
            c.Execute("DELETE FROM chunks WHERE source_id = @sourceId", args, tx);
            c.Execute("DELETE FROM pages WHERE source_id = @sourceId", args, tx);
            c.Execute("DELETE FROM frontier WHERE source_id = @sourceId", args, tx);
            c.Execute("DELETE FROM page_visits WHERE source_id = @sourceId", args, tx);
            c.Execute("DELETE FROM jobs WHERE source_id = @sourceId", args, tx);
            c.Execute("DELETE FROM saved_questions WHERE source_id = @sourceId", args, tx);
            BumpKnowledgeVersion(c, tx, botId);
            return true;
        }, ct);

    public Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string botId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<StoredChunk>>(c => c.Query<ChunkRow>(
                """
                SELECT c.id AS chunk_id, c.source_id, s.type AS source_type, c.page_title, c.url, c.heading, c.text, c.embedding,
                       c.embedding_model
                FROM chunks c JOIN sources s ON s.id = c.source_id
                WHERE c.bot_id = @botId
                ORDER BY c.id
                """,
                new { botId })
            .Select(r => r.ToChunk())
            .ToList(), ct);

    public Task<IReadOnlyList<StoredChunk>> ReadStaleChunksAsync(string botId, string model, int limit, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<StoredChunk>>(c => c.Query<ChunkRow>(
                """
                SELECT c.id AS chunk_id, c.source_id, s.type AS source_type, c.page_title, c.url, c.heading, c.text, NULL AS embedding,
                       c.embedding_model
                FROM chunks c JOIN sources s ON s.id = c.source_id
                WHERE c.bot_id = @botId AND (c.embedding_model IS NULL OR c.embedding_model <> @model)
                ORDER BY c.id LIMIT @limit
                """,
                new { botId, model, limit })
            .Select(r => r.ToChunk())
            .ToList(), ct);

    public Task UpdateEmbeddingsAsync(IReadOnlyList<(long ChunkId, float[] Embedding)> embeddings, string model, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute(
                "UPDATE chunks SET embedding = @Embedding, embedding_model = @model WHERE id = @ChunkId",
                embeddings.Select(e => new { e.ChunkId, Embedding = Vectors.ToBytes(e.Embedding), model }), tx);
            c.Execute(
                """
                UPDATE bots SET knowledge_version = knowledge_version + 1
                WHERE id IN (SELECT DISTINCT bot_id FROM chunks WHERE id IN @ids)
                """,
                new { ids = embeddings.Select(e => e.ChunkId).ToArray() }, tx);
        }, ct);

    private static void InsertChunks(
        Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction tx, Source source, IReadOnlyList<Chunk> chunks) =>
        c.Execute(
            """
            INSERT INTO chunks (bot_id, source_id, ordinal, page_title, url, heading, text, embedding, embedding_model)
            VALUES (@BotId, @SourceId, @Ordinal, @PageTitle, @Url, @Heading, @Text, @Embedding, @EmbeddingModel)
            """,
            chunks.Select(chunk => new
            {
                source.BotId,
                SourceId = source.Id,
                chunk.Ordinal,
                chunk.PageTitle,
                chunk.Url,
                chunk.Heading,
                chunk.Text,
                Embedding = Vectors.ToBytes(chunk.Embedding),
                chunk.EmbeddingModel,
            }),
            tx);

    private static void BumpKnowledgeVersion(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction tx, string botId) =>
        c.Execute("UPDATE bots SET knowledge_version = knowledge_version + 1 WHERE id = @botId", new { botId }, tx);

    private sealed class SourceRow
    {
        public string Id { get; set; } = "";
        public string BotId { get; set; } = "";
        public string Type { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Url { get; set; }
        public string? Question { get; set; }
        public string Content { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Error { get; set; }
        public long Chunks { get; set; }
        public long Pages { get; set; }
        public long? PagesTotal { get; set; }
        public string? Crawl { get; set; }
        public long? SyncIntervalSeconds { get; set; }
        public long? LastSyncedAt { get; set; }
        public long Hits { get; set; }
        public long? LastHitAt { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public static SourceRow From(Source s) => new()
        {
            Id = s.Id,
            BotId = s.BotId,
            Type = s.Type.ToString(),
            Title = s.Title,
            Url = s.Url,
            Question = s.Question,
            Content = s.Content,
            Status = s.Status.ToString(),
            Error = s.Error,
            Chunks = s.Chunks,
            Crawl = s.Crawl is null ? null : JsonSerializer.Serialize(s.Crawl, StorageJson.Options),
            SyncIntervalSeconds = s.SyncIntervalSeconds,
            CreatedAt = UnixTime.From(s.CreatedAt),
            UpdatedAt = UnixTime.From(s.UpdatedAt),
        };

        public Source ToSource() => new()
        {
            Id = Id,
            BotId = BotId,
            Type = Enum.Parse<SourceType>(Type),
            Title = Title,
            Url = Url,
            Question = Question,
            Content = Content,
            Status = Enum.Parse<SourceStatus>(Status),
            Error = Error,
            Chunks = (int)Chunks,
            Pages = (int)Pages,
            PagesTotal = (int?)PagesTotal,
            Crawl = Crawl is null ? null : JsonSerializer.Deserialize<CrawlSettings>(Crawl, StorageJson.Options),
            SyncIntervalSeconds = (int?)SyncIntervalSeconds,
            LastSyncedAt = UnixTime.To(LastSyncedAt),
            Hits = (int)Hits,
            LastHitAt = UnixTime.To(LastHitAt),
            CreatedAt = UnixTime.To(CreatedAt),
            UpdatedAt = UnixTime.To(UpdatedAt),
        };
    }

    private sealed class ChunkRow
    {
        public long ChunkId { get; set; }
        public string SourceId { get; set; } = "";
        public string SourceType { get; set; } = "";
        public string PageTitle { get; set; } = "";
        public string? Url { get; set; }
        public string? Heading { get; set; }
        public string Text { get; set; } = "";
        public byte[]? Embedding { get; set; }
        public string? EmbeddingModel { get; set; }

        public StoredChunk ToChunk() =>
            new(ChunkId, SourceId, Enum.Parse<SourceType>(SourceType), PageTitle, Url, string.IsNullOrEmpty(Heading) ? null : Heading, Text,
                Vectors.FromBytes(Embedding), EmbeddingModel);
    }
}

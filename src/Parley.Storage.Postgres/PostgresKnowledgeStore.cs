using System.Text.Json;
using Dapper;
using Npgsql;
using Parley.Core.Knowledge;

namespace Parley.Storage.Postgres;

internal sealed class PostgresKnowledgeStore(PostgresDatabase db, ChunkStatistics statistics) : IKnowledgeStore
{
    private const string SelectSource =
        """
        SELECT id, bot_id, type, title, url, question, content, status, error, chunks, pages, pages_total, crawl,
               sync_interval_seconds, last_synced_at, hits, last_hit_at, created_at, updated_at
        FROM sources
        """;

    public async Task AddSourceAsync(Source source, IReadOnlyList<Chunk> chunks, CancellationToken ct = default)
    {
        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(
                """
                INSERT INTO sources (id, bot_id, type, title, url, question, content, status, error, chunks, crawl,
                                     sync_interval_seconds, created_at, updated_at)
                VALUES (@Id, @BotId, @Type, @Title, @Url, @Question, @Content, @Status, @Error, @Chunks, @Crawl,
                        @SyncIntervalSeconds, @CreatedAt, @UpdatedAt)
                """,
                SourceRow.From(source with { Chunks = chunks.Count }), tx);
            await ChunkRows.InsertAsync(c, source.BotId, source.Id, pageUrl: null, chunks, ct);
            await BumpKnowledgeVersionAsync(c, tx, source.BotId);
        }, ct);
        statistics.Changed();
    }

    public async Task<bool> UpdateSourceAsync(Source source, IReadOnlyList<Chunk>? chunks, CancellationToken ct = default)
    {
        var updated = await db.WriteAsync(async (c, tx) =>
        {
            // The row lock also waits out a sync's page write to this source, as the ingestion store's writes do.
            var rows = await c.ExecuteAsync(
                """
                UPDATE sources SET title = @Title, url = @Url, question = @Question, content = @Content,
                                   sync_interval_seconds = @SyncIntervalSeconds, updated_at = @UpdatedAt
                WHERE id = @Id AND bot_id = @BotId
                """,
                SourceRow.From(source), tx);
            if (rows == 0 || chunks is null)
                return rows == 1;
            await c.ExecuteAsync("DELETE FROM chunks WHERE source_id = @Id", new { source.Id }, tx);
            await ChunkRows.InsertAsync(c, source.BotId, source.Id, pageUrl: null, chunks, ct);
            await c.ExecuteAsync("UPDATE sources SET chunks = @Count WHERE id = @Id", new { source.Id, chunks.Count }, tx);
            await BumpKnowledgeVersionAsync(c, tx, source.BotId);
            return true;
        }, ct);
        if (updated && chunks is not null)
            statistics.Changed();
        return updated;
    }

    public Task<IReadOnlyList<Chunk>> ReadPassagesAsync(string botId, string sourceId, string? pageUrl, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Chunk>>(async c => (await c.QueryAsync<(int Ordinal, string PageTitle, string? Url, string? Heading, string Text)>(
                """
                SELECT ordinal, page_title, url, heading, text FROM chunks
                WHERE bot_id = @botId AND source_id = @sourceId AND (@pageUrl::text IS NULL OR page_url = @pageUrl)
                ORDER BY ordinal, id
                """,
                new { botId, sourceId, pageUrl }))
            .Select(r => new Chunk(r.Ordinal, r.PageTitle, r.Url, string.IsNullOrEmpty(r.Heading) ? null : r.Heading, r.Text))
            .ToList(), ct);

    public Task<Source?> GetSourceAsync(string botId, string sourceId, CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<SourceRow>(
            $"{SelectSource} WHERE id = @sourceId AND bot_id = @botId", new { botId, sourceId }))?.ToSource(), ct);

    public Task<IReadOnlyList<Source>> ListSourcesAsync(string botId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Source>>(async c => (await c.QueryAsync<SourceRow>(
            $"{SelectSource} WHERE bot_id = @botId ORDER BY created_at, id", new { botId })).Select(r => r.ToSource()).ToList(), ct);

    public Task<bool> DeleteSourceAsync(string botId, string sourceId, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync("DELETE FROM sources WHERE id = @sourceId AND bot_id = @botId", new { botId, sourceId }, tx) == 0)
                return false;
            await c.ExecuteAsync(
                """
                DELETE FROM chunks WHERE source_id = @sourceId;
                DELETE FROM pages WHERE source_id = @sourceId;
                DELETE FROM frontier WHERE source_id = @sourceId;
                DELETE FROM page_visits WHERE source_id = @sourceId;
                DELETE FROM jobs WHERE source_id = @sourceId;
                DELETE FROM saved_questions WHERE source_id = @sourceId;
                """, new { sourceId }, tx);
            await BumpKnowledgeVersionAsync(c, tx, botId);
            return true;
        }, ct);

    public Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string botId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<StoredChunk>>(async c => (await c.QueryAsync<ChunkRow>(
                """
                SELECT c.id AS chunk_id, c.source_id, s.type AS source_type, c.page_title, c.url, c.heading, c.text, c.embedding,
                       c.embedding_model
                FROM chunks c JOIN sources s ON s.id = c.source_id
                WHERE c.bot_id = @botId
                ORDER BY c.id
                """,
                new { botId }))
            .Select(r => r.ToChunk())
            .ToList(), ct);

    public Task<IReadOnlyList<StoredChunk>> ReadStaleChunksAsync(string botId, string model, int limit, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<StoredChunk>>(async c => (await c.QueryAsync<ChunkRow>(
                """
                SELECT c.id AS chunk_id, c.source_id, s.type AS source_type, c.page_title, c.url, c.heading, c.text, NULL::vector AS embedding,
                       c.embedding_model
                FROM chunks c JOIN sources s ON s.id = c.source_id
                WHERE c.bot_id = @botId AND (c.embedding_model IS NULL OR c.embedding_model <> @model)
                ORDER BY c.id LIMIT @limit
                """,
                new { botId, model, limit }))
            .Select(r => r.ToChunk())
            .ToList(), ct);

    public Task UpdateEmbeddingsAsync(IReadOnlyList<(long ChunkId, float[] Embedding)> embeddings, string model, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(
                "UPDATE chunks SET embedding = @Embedding, embedding_model = @model WHERE id = @ChunkId",
                embeddings.Select(e => new { e.ChunkId, Embedding = Embeddings.ToVector(e.Embedding), model }), tx);
            await c.ExecuteAsync(
                """
                UPDATE bots SET knowledge_version = knowledge_version + 1
                WHERE id IN (SELECT DISTINCT bot_id FROM chunks WHERE id = ANY(@ids))
                """,
                new { ids = embeddings.Select(e => e.ChunkId).ToArray() }, tx);
        }, ct);

    private static Task BumpKnowledgeVersionAsync(NpgsqlConnection c, NpgsqlTransaction tx, string botId) =>
        c.ExecuteAsync("UPDATE bots SET knowledge_version = knowledge_version + 1 WHERE id = @botId", new { botId }, tx);

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
        public int Chunks { get; set; }
        public int Pages { get; set; }
        public int? PagesTotal { get; set; }
        public string? Crawl { get; set; }
        public int? SyncIntervalSeconds { get; set; }
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
            Chunks = Chunks,
            Pages = Pages,
            PagesTotal = PagesTotal,
            Crawl = Crawl is null ? null : JsonSerializer.Deserialize<CrawlSettings>(Crawl, StorageJson.Options),
            SyncIntervalSeconds = SyncIntervalSeconds,
            LastSyncedAt = UnixTime.To(LastSyncedAt),
            Hits = (int)Hits,
            LastHitAt = UnixTime.To(LastHitAt),
            CreatedAt = UnixTime.To(CreatedAt),
            UpdatedAt = UnixTime.To(UpdatedAt),
        };
    }
}

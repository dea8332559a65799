using System.Text;
using Dapper;
using Parley.Core.Knowledge;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteKnowledgeStore(SqliteDatabase db) : IKnowledgeStore
{
    private const string SelectSource =
        "SELECT id, bot_id, type, title, url, question, content, status, error, chunks, created_at, updated_at FROM sources";

    // Title and heading matches say more about a chunk than a word in its body; the bot column only filters.
    private const string Bm25 = "bm25(chunks_fts, 0.0, 2.0, 1.5, 1.0)";

    public Task AddSourceAsync(Source source, IReadOnlyList<Chunk> chunks, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute(
                """
                INSERT INTO sources (id, bot_id, type, title, url, question, content, status, error, chunks, created_at, updated_at)
                VALUES (@Id, @BotId, @Type, @Title, @Url, @Question, @Content, @Status, @Error, @Chunks, @CreatedAt, @UpdatedAt)
                """,
                SourceRow.From(source with { Chunks = chunks.Count }), tx);
            c.Execute(
                """
                INSERT INTO chunks (bot_id, source_id, ordinal, page_title, url, heading, text)
                VALUES (@BotId, @SourceId, @Ordinal, @PageTitle, @Url, @Heading, @Text)
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
                }),
                tx);
        }, ct);

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
            c.Execute("DELETE FROM chunks WHERE source_id = @sourceId", new { sourceId }, tx);
            return true;
        }, ct);

    public Task<IReadOnlyList<KnowledgeHit>> SearchAsync(
        string botId, IReadOnlyList<string> terms, int limit, CancellationToken ct = default)
    {
        if (terms.Count == 0)
            return Task.FromResult<IReadOnlyList<KnowledgeHit>>([]);

        var match = MatchExpression(botId, terms);
        return db.ReadAsync<IReadOnlyList<KnowledgeHit>>(c => c.Query<HitRow>(
                $"""
                SELECT c.id AS chunk_id, c.source_id, s.type AS source_type, c.page_title, c.url, c.heading, c.text,
                       -{Bm25} AS rank
                FROM chunks_fts
                JOIN chunks c ON c.id = chunks_fts.rowid
                JOIN sources s ON s.id = c.source_id
                WHERE chunks_fts MATCH @match
                ORDER BY {Bm25}
                LIMIT @limit
                """,
                new { match, limit })
            .Select(r => r.ToHit())
            .ToList(), ct);
    }

    /// <summary>
    /// <c>bot : "…" AND ("a" OR "b")</c>. Every term is quoted, so nothing a visitor types is read as FTS5 syntax.
    /// </summary>
    private static string MatchExpression(string botId, IReadOnlyList<string> terms)
    {
        var match = new StringBuilder("bot : \"").Append(botId.Replace("-", "", StringComparison.Ordinal)).Append("\" AND (");
        for (var i = 0; i < terms.Count; i++)
        {
            if (i > 0)
                match.Append(" OR ");
            match.Append('"').Append(terms[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return match.Append(')').ToString();
    }

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
            CreatedAt = UnixTime.To(CreatedAt),
            UpdatedAt = UnixTime.To(UpdatedAt),
        };
    }

    private sealed class HitRow
    {
        public long ChunkId { get; set; }
        public string SourceId { get; set; } = "";
        public string SourceType { get; set; } = "";
        public string PageTitle { get; set; } = "";
        public string? Url { get; set; }
        public string? Heading { get; set; }
        public string Text { get; set; } = "";
        public double Rank { get; set; }

        public KnowledgeHit ToHit() =>
            new(ChunkId, SourceId, Enum.Parse<SourceType>(SourceType), PageTitle, Url, string.IsNullOrEmpty(Heading) ? null : Heading, Text, Rank);
    }
}

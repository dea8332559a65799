using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Knowledge;
using Pgvector;

namespace Parley.Storage.Postgres;

/// <summary>
/// Knowledge search in PostgreSQL: candidates by words from a GIN index of Parley's terms (<see cref="TermCascade"/>), and nearest chunks by
/// meaning from an HNSW index (pgvector, cosine). Embeddings have no fixed dimension in the table, so each
/// model gets a partial expression index at its own dimension, built in the background the first time the
/// model is searched; until it exists the search is exact (a scan of the bot's chunks), never wrong.
/// </summary>
internal sealed class PostgresKnowledgeSearch(PostgresDatabase db, TermFrequencies frequencies, ILogger<PostgresKnowledgeSearch> log) : IKnowledgeSearch
{
    private const string Columns =
        "c.id AS chunk_id, c.source_id, s.type AS source_type, c.page_title, c.url, c.heading, c.text, NULL::vector AS embedding, c.embedding_model";

    // The cascade's clauses grow as C(n, k); six terms cover a question's own words, and later ones (a follow-up's
    // borrowed context) still count when Parley ranks the candidates.
    private const int MaxCascadeTerms = 6;

    // Nearest chunks are fetched twice over and the closest kept, ties by id: which of equally distant chunks an index
    // scan (or a parallel exact scan) meets first at its LIMIT varies, and this way that only matters for a tie at the
    // limit shared by more chunks than are wanted.
    private const int PoolFactor = 2;

    private readonly ConcurrentDictionary<string, Task> _indexes = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<StoredChunk>> MatchTermsAsync(string botId, IReadOnlyList<string> stems, int limit, CancellationToken ct = default)
    {
        var terms = stems.Where(s => s.Length is > 0 and <= QueryTerms.MaxIndexedWordLength && s.All(char.IsLetterOrDigit))
            .Distinct(StringComparer.Ordinal).Take(MaxCascadeTerms).ToList();
        if (terms.Count == 0 || limit <= 0)
            return [];

        var (cascade, parameters) = TermCascade.Build(botId, await frequencies.RarestFirstAsync(terms, ct), limit);
        return await db.WriteAsync<IReadOnlyList<StoredChunk>>(async (c, tx) =>
        {
            // Each step must be a GIN lookup: a sequential or ordered index scan "until LIMIT rows match" reads
            // the whole bot when its matches are few, and the planner cannot know they are few.
            // No parallel workers either: a parallel Append or heap scan would hand the LIMIT rows in the order workers finish.
            await c.ExecuteAsync(
                "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL max_parallel_workers_per_gather = 0", transaction: tx);
            return (await c.QueryAsync<ChunkRow>(new CommandDefinition(
                    $"""
                    WITH found AS MATERIALIZED ({cascade})
                    SELECT {Columns}
                    FROM found f JOIN chunks c ON c.id = f.id JOIN sources s ON s.id = c.source_id
                    ORDER BY f.matched DESC, f.step, c.id
                    """,
                    parameters, tx, cancellationToken: ct)))
                .Select(r => r.ToChunk())
                .ToList();
        }, ct);
    }

    public Task<bool> HasEmbeddingsAsync(string botId, string model, CancellationToken ct = default) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM chunks WHERE bot_id = @botId AND embedding_model = @model AND embedding IS NOT NULL)",
            new { botId, model }, cancellationToken: ct)), ct);

    public Task<IReadOnlyList<(StoredChunk Chunk, double Similarity)>> NearestAsync(
        string botId, string model, float[] query, int limit, CancellationToken ct = default)
    {
        var dimensions = query.Length;
        EnsureIndex(model, dimensions);
        // The model is inlined, not a parameter, so the planner can match the model's partial index.
        var literal = "'" + model.Replace("'", "''", StringComparison.Ordinal) + "'";
        var vector = $"c.embedding::vector({dimensions.ToString(CultureInfo.InvariantCulture)})";
        return db.WriteAsync<IReadOnlyList<(StoredChunk, double)>>(async (c, tx) =>
        {
            // Iterative scans (pgvector 0.8) keep walking the graph until enough of this bot's chunks are found.
            await c.ExecuteAsync("SET LOCAL hnsw.ef_search = 100; SET LOCAL hnsw.iterative_scan = relaxed_order", transaction: tx);
            var rows = await c.QueryAsync<NearestRow>(
                $"""
                WITH nearest AS MATERIALIZED (
                    SELECT c.id, {vector} <=> @query AS distance FROM chunks c
                    WHERE c.bot_id = @botId AND c.embedding_model = {literal} AND vector_dims(c.embedding) = {dimensions}
                    ORDER BY {vector} <=> @query
                    LIMIT @pool)
                SELECT {Columns}, 1 - n.distance AS similarity
                FROM nearest n JOIN chunks c ON c.id = n.id JOIN sources s ON s.id = c.source_id
                ORDER BY n.distance, c.id
                LIMIT @limit
                """,
                new { botId, query = new Vector(query), limit, pool = PoolFactor * limit }, tx);
            return rows.Select(r => (r.ToChunk(), r.Similarity)).ToList();
        }, ct);
    }

    private void EnsureIndex(string model, int dimensions)
    {
        var name = "chunks_hnsw_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{model}\n{dimensions}")))[..16];
        _indexes.GetOrAdd(name, _ => Task.Run(async () =>
        {
            try
            {
                await db.WriteAsync(async (c, tx) =>
                {
                    // One replica builds it; the others wait on the lock and then find it there.
                    await c.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('parley-hnsw'))", transaction: tx);
                    await c.ExecuteAsync(
                        $"""
                        CREATE INDEX IF NOT EXISTS {name} ON chunks
                        USING hnsw ((embedding::vector({dimensions})) vector_cosine_ops)
                        WHERE embedding_model = '{model.Replace("'", "''", StringComparison.Ordinal)}' AND vector_dims(embedding) = {dimensions}
                        """, transaction: tx, commandTimeout: 3600);
                });
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
            {
                log.LogWarning(e, "Building the vector index for {Model} failed; vector search stays exact until a restart.", model);
            }
        }));
    }

    private sealed class NearestRow
    {
        public long ChunkId { get; set; }
        public string SourceId { get; set; } = "";
        public string SourceType { get; set; } = "";
        public string PageTitle { get; set; } = "";
        public string? Url { get; set; }
        public string? Heading { get; set; }
        public string Text { get; set; } = "";
        public string? EmbeddingModel { get; set; }
        public double Similarity { get; set; }

        public StoredChunk ToChunk() =>
            new(ChunkId, SourceId, Enum.Parse<SourceType>(SourceType), PageTitle, Url, string.IsNullOrEmpty(Heading) ? null : Heading, Text, null, EmbeddingModel);
    }
}

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
/// Knowledge search in PostgreSQL: candidates by words from a GIN full-text index, and nearest chunks by
/// meaning from an HNSW index (pgvector, cosine). Embeddings have no fixed dimension in the table, so each
/// model gets a partial expression index at its own dimension, built in the background the first time the
/// model is searched; until it exists the search is exact (a scan of the bot's chunks), never wrong.
/// </summary>
internal sealed class PostgresKnowledgeSearch(PostgresDatabase db, ILogger<PostgresKnowledgeSearch> log) : IKnowledgeSearch
{
    private const string Columns =
        "c.id AS chunk_id, c.source_id, s.type AS source_type, c.page_title, c.url, c.heading, c.text, NULL::vector AS embedding, c.embedding_model";

    // Levels of "holds k of the n terms" take C(n, k) clauses each; eight terms (70 at most) cover a question's
    // own words, the later ones (a follow-up's borrowed context) only count when Parley ranks the candidates.
    private const int MaxCascadeTerms = 8;

    private readonly ConcurrentDictionary<string, Task> _indexes = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<StoredChunk>> MatchTermsAsync(string botId, IReadOnlyList<string> stems, int limit, CancellationToken ct = default)
    {
        var terms = stems.Where(s => s.Length is > 0 and <= 100 && s.All(char.IsLetterOrDigit)).Distinct(StringComparer.Ordinal).Take(MaxCascadeTerms).ToList();
        if (terms.Count == 0 || limit <= 0)
            return Task.FromResult<IReadOnlyList<StoredChunk>>([]);

        // Ranking every chunk that shares a word with the question costs as many heap reads as there are such
        // chunks (a third of a big bot's, for common words). Instead the levels are asked in turn: chunks holding
        // all n terms, then exactly n-1 of them, and so on, each a GIN lookup; the Append under LIMIT stops as
        // soon as enough are found, so the work is bounded by the limit, not by the bot's size. Parley's scorer
        // then ranks the candidates as it ranks the in-memory index's.
        var levels = new List<string>();
        var parameters = new DynamicParameters(new { botId, limit });
        for (var k = terms.Count; k >= 1; k--)
        {
            parameters.Add($"q{k}", string.Join(" | ", Combinations(terms, k).Select(c => $"({SearchTerms.All(c)})")));
            var fewer = k == terms.Count ? "" : $" AND NOT c.terms @@ @q{k + 1}::tsquery";
            levels.Add($"(SELECT c.id, {k} AS matched FROM chunks c WHERE c.bot_id = @botId AND c.terms @@ @q{k}::tsquery{fewer} LIMIT @limit)");
        }

        return db.ReadAsync<IReadOnlyList<StoredChunk>>(async c => (await c.QueryAsync<ChunkRow>(
                $"""
                WITH found AS MATERIALIZED (
                    {string.Join("\nUNION ALL ", levels)}
                    LIMIT @limit)
                SELECT {Columns}
                FROM found f JOIN chunks c ON c.id = f.id JOIN sources s ON s.id = c.source_id
                ORDER BY f.matched DESC, c.id
                """,
                parameters))
            .Select(r => r.ToChunk())
            .ToList(), ct);
    }

    /// <summary>Every way of choosing <paramref name="k"/> of <paramref name="items"/>, in order.</summary>
    private static IEnumerable<IEnumerable<string>> Combinations(IReadOnlyList<string> items, int k, int start = 0)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = start; i <= items.Count - k; i++)
        {
            foreach (var rest in Combinations(items, k - 1, i + 1))
                yield return rest.Prepend(items[i]);
        }
    }

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
                    LIMIT @limit)
                SELECT {Columns}, 1 - n.distance AS similarity
                FROM nearest n JOIN chunks c ON c.id = n.id JOIN sources s ON s.id = c.source_id
                ORDER BY n.distance, c.id
                """,
                new { botId, query = new Vector(query), limit }, tx);
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

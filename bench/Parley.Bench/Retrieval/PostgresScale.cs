using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge.Index;
using Parley.Storage.Postgres;

namespace Parley.Bench.Retrieval;

/// <summary>
/// <c>retrieval --postgres</c>: the same chunks and questions as <see cref="IndexScale"/>, stored in PostgreSQL and
/// searched there as the server does by default on that backend: candidates by the question's terms from the GIN
/// index, then ranked by Parley's lexical scorer (timed together, as a turn pays both), and pgvector HNSW neighbours.
/// </summary>
internal static class PostgresScale
{
    // What the server asks the database for beside vectors: twice the 50 candidates it ranks (KnowledgeRetriever).
    private const int LexicalPool = 100;

    public static async Task<IReadOnlyList<SearchTimings>> RunAsync(string connectionString, IReadOnlyList<List<StoredChunk>> scales, TextWriter output)
    {
        await using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddPostgresStorage(connectionString).BuildServiceProvider();
        var store = services.GetRequiredService<IKnowledgeStore>();
        var search = services.GetRequiredService<IKnowledgeSearch>();

        // Both bots' chunks share the table, as many bots' do in a deployment; each search is filtered to one bot.
        var bots = new List<string>();
        foreach (var chunks in scales)
        {
            var bot = $"bench-{chunks.Count}-{Guid.NewGuid():N}";
            var clock = Stopwatch.StartNew();
            foreach (var page in chunks.GroupBy(c => c.SourceId))
            {
                var source = new Source { Id = Guid.NewGuid().ToString("N"), BotId = bot, Type = SourceType.Text, Title = page.First().PageTitle, Content = "" };
                await store.AddSourceAsync(source, page.Select((c, i) => new Chunk(i, c.PageTitle, c.Url, c.Heading, c.Text, c.Embedding, c.EmbeddingModel)).ToList());
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL: stored {chunks.Count:N0} chunks in {clock.Elapsed.TotalSeconds:F1} s."));
            bots.Add(bot);
        }

        // The first search of a model starts building its HNSW index in the background; time searches once it is there.
        var building = Stopwatch.StartNew();
        await search.NearestAsync(bots[0], IndexScale.Model, scales[0][0].Embedding!, 1);
        await WaitForVectorIndexAsync(connectionString);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL: HNSW index over all of them built in {building.Elapsed.TotalSeconds:F1} s."));
        await AnalyzeAsync(connectionString);

        var rows = new List<SearchTimings>();
        for (var s = 0; s < scales.Count; s++)
        {
            var (bot, chunks) = (bots[s], scales[s]);
            var exact = new IndexScale.BuiltIndex(LexicalIndex.Build(chunks), VectorIndex.Build(chunks, IndexScale.Model)!);
            rows.Add(await IndexScale.TimeAsync("PostgreSQL (GIN + HNSW)", chunks, exact,
                async (terms, _) => LexicalIndex.Build(await search.MatchTermsAsync(bot, terms.Select(t => t.Stem).ToList(), LexicalPool))
                    .Search(terms, IndexScale.Candidates, 0.2).Count,
                async (query, _) => (await search.NearestAsync(bot, IndexScale.Model, query, IndexScale.Candidates)).Select(m => m.Chunk).ToList()));
        }

        return rows;
    }

    private static async Task WaitForVectorIndexAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (true)
        {
            await using var check = new NpgsqlCommand(
                "SELECT (SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'chunks_hnsw_%') > 0 AND (SELECT count(*) FROM pg_stat_progress_create_index) = 0",
                connection);
            if ((bool)(await check.ExecuteScalarAsync())!)
                return;
            await Task.Delay(500);
        }
    }

    // Autovacuum would get to it within a minute; the planner needs the statistics from the first search on.
    private static async Task AnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE chunks", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}

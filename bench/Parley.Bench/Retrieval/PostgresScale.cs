using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parley.Bench.Knowledge;
using Parley.Bench.Load;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Index;
using Parley.Storage.Postgres;

namespace Parley.Bench.Retrieval;

/// <summary>
/// <c>retrieval --postgres</c>: the same chunks and questions as <see cref="IndexScale"/>, searched in PostgreSQL as the
/// server does with <c>Parley:Retrieval:InDatabase</c>: full-text candidates ranked again by Parley's lexical scorer, and
/// pgvector HNSW nearest neighbours, with their recall against the exact in-memory search.
/// </summary>
internal static class PostgresScale
{
    private const int Queries = 200;
    private const int Candidates = 50;

    public static async Task RunAsync(string connectionString, TextWriter output)
    {
        await using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddPostgresStorage(connectionString).BuildServiceProvider();
        var store = services.GetRequiredService<IKnowledgeStore>();
        var search = services.GetRequiredService<IKnowledgeSearch>();

        // Both bots' chunks share the table, as many bots' do in a deployment; each search is filtered to one bot.
        var scales = new List<(string Bot, List<StoredChunk> Chunks)>();
        foreach (var pages in new[] { 200, 2_000 })
        {
            var chunks = IndexScale.Chunks(pages);
            var bot = $"bench-{pages}-{Guid.NewGuid():N}";
            var clock = Stopwatch.StartNew();
            foreach (var page in chunks.GroupBy(c => c.SourceId))
            {
                var source = new Source { Id = Guid.NewGuid().ToString("N"), BotId = bot, Type = SourceType.Text, Title = page.First().PageTitle, Content = "" };
                await store.AddSourceAsync(source, page.Select((c, i) => new Chunk(i, c.PageTitle, c.Url, c.Heading, c.Text, c.Embedding, c.EmbeddingModel)).ToList());
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL: stored {chunks.Count:N0} chunks in {clock.Elapsed.TotalSeconds:F1} s."));
            scales.Add((bot, chunks));
        }

        var building = Stopwatch.StartNew();
        await search.NearestAsync(scales[0].Bot, "random", IndexScale.UnitVector(new Random(3)), 1);
        await WaitForVectorIndexAsync(connectionString);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL: HNSW index over all of them built in {building.Elapsed.TotalSeconds:F1} s."));

        output.WriteLine("chunks     lexical p50 ms  lexical p99 ms  vector p50 ms  vector p99 ms  vector recall@50");
        var questions = new QuestionSet(Queries);
        foreach (var (bot, chunks) in scales)
        {
            var exact = VectorIndex.Build(chunks, "random")!;
            var random = new Random(1);
            var lexicalMs = new List<double>();
            var vectorMs = new List<double>();
            var recall = 0.0;
            for (var i = 0; i < Queries; i++)
            {
                var terms = QueryTerms.Extract(questions.Next()).Select(w => new QueryTerm(QueryTerms.Stem(w), 1.0)).ToList();
                var clock = Stopwatch.StartNew();
                LexicalIndex.Build(await search.MatchTermsAsync(bot, terms.Select(t => t.Stem).ToList(), 200)).Search(terms, Candidates, 0.2);
                lexicalMs.Add(clock.Elapsed.TotalMilliseconds);

                var query = IndexScale.UnitVector(random);
                clock.Restart();
                var found = await search.NearestAsync(bot, "random", query, Candidates);
                vectorMs.Add(clock.Elapsed.TotalMilliseconds);
                var truth = exact.Search(query, Candidates).Select(m => m.Chunk.Text).ToHashSet(StringComparer.Ordinal);
                recall += found.Count(f => truth.Contains(f.Chunk.Text)) / (double)truth.Count;
            }

            lexicalMs.Sort();
            vectorMs.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{chunks.Count,-10:N0} {Percentile.Of(lexicalMs, 50),15:F3} {Percentile.Of(lexicalMs, 99),15:F3} {Percentile.Of(vectorMs, 50),14:F3} {Percentile.Of(vectorMs, 99),14:F3} {recall / Queries,17:F3}"));
        }
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
}

using System.Diagnostics;
using System.Globalization;
using Parley.Bench.Knowledge;
using Parley.Core.Knowledge;
using Parley.Embeddings.Local;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Index;

namespace Parley.Bench.Retrieval;

/// <summary>
/// The <c>retrieval</c> command: how long one bot's search takes at 10,000 and 100,000 chunks, in the in-memory
/// indexes SQLite deployments use and, with <c>--postgres</c>, in PostgreSQL, printed in one table. The text is the
/// chat bench's synthetic documentation, chunked by the server's chunker; the vectors are <see cref="TopicVectors"/>;
/// the question's own embedding is timed separately with the real local model.
/// </summary>
internal static class IndexScale
{
    public const int Queries = 400;
    public const int Candidates = 50;
    public static readonly int[] Pages = [200, 2_000];

    public static async Task RunAsync(string? postgres, TextWriter output)
    {
        output.WriteLine(Machine.Describe());
        var rows = new List<SearchTimings>();
        var scales = Pages.Select(Chunks).ToList();
        foreach (var chunks in scales)
        {
            var clock = Stopwatch.StartNew();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var index = new BuiltIndex(LexicalIndex.Build(chunks), VectorIndex.Build(chunks, Model)!);
            var megabytes = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / 1024.0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"In memory: {chunks.Count:N0} chunks indexed in {clock.Elapsed.TotalSeconds:F1} s, {megabytes:F0} MB."));
            rows.Add(await TimeAsync("SQLite (in-memory index)", chunks, index,
                (terms, _) => Task.FromResult(index.Lexical.Search(terms, Candidates, 0.2).Count),
                (query, _) => Task.FromResult<IReadOnlyList<StoredChunk>>(index.Vectors.Search(query, Candidates).Select(m => m.Chunk).ToList())));
        }

        if (postgres is not null)
            rows.AddRange(await PostgresScale.RunAsync(postgres, scales, output));

        SearchTimings.PrintHeader(output);
        foreach (var row in rows.OrderBy(r => r.Chunks))
            row.Print(output);
        output.WriteLine("recall@50: the share of the exact 50 nearest chunks the vector search returned.");
        await TimeEmbeddingAsync(output);
    }

    public const string Model = "topic-vectors";

    /// <summary>Times <see cref="Queries"/> searches of each kind; the vector results are checked against the exact search of <paramref name="exact"/>.</summary>
    public static async Task<SearchTimings> TimeAsync(
        string backend,
        List<StoredChunk> chunks,
        BuiltIndex exact,
        Func<IReadOnlyList<QueryTerm>, int, Task<int>> lexical,
        Func<float[], int, Task<IReadOnlyList<StoredChunk>>> vector)
    {
        var questions = new QuestionSet(Queries);
        var vectors = new TopicVectors(seed: 5);
        var random = new Random(1);
        var timings = new SearchTimings(backend, chunks.Count, [], [], 0);
        var recall = 0.0;
        for (var i = 0; i < Queries; i++)
        {
            var terms = QueryTerms.Extract(questions.Next()).Select(w => new QueryTerm(QueryTerms.Stem(w), 1.0)).ToList();
            var clock = Stopwatch.StartNew();
            await lexical(terms, i);
            timings.LexicalMs.Add(clock.Elapsed.TotalMilliseconds);

            var query = vectors.Question(chunks[random.Next(chunks.Count)].Embedding!);
            clock.Restart();
            var found = await vector(query, i);
            timings.VectorMs.Add(clock.Elapsed.TotalMilliseconds);
            // By text: the database numbers the chunks it stores its own way.
            var truth = exact.Vectors.Search(query, Candidates).Select(m => m.Chunk.Text).ToHashSet(StringComparer.Ordinal);
            recall += found.Count(f => truth.Contains(f.Text)) / (double)truth.Count;
        }

        return timings with { Recall = recall / Queries };
    }

    internal static List<StoredChunk> Chunks(int pages)
    {
        var vectors = new TopicVectors(seed: 2);
        var chunks = new List<StoredChunk>();
        var number = 0;
        foreach (var page in SyntheticDocs.Generate(pages, 50))
        {
            var pageVector = vectors.Page(number++);
            foreach (var chunk in TextChunker.Split(page.Title, page.Url, page.Markdown))
                chunks.Add(new StoredChunk(chunks.Count, page.Url, SourceType.Text, chunk.PageTitle, chunk.Url, chunk.Heading, chunk.Text, vectors.Chunk(pageVector), Model));
        }

        return chunks;
    }

    private static async Task TimeEmbeddingAsync(TextWriter output)
    {
        var questions = new QuestionSet(100);
        using var model = new MiniLmEmbeddingGenerator();
        await model.GenerateAsync(["warm up"]);
        var embedMs = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            var question = questions.Next();
            clock.Restart();
            await model.GenerateAsync([question]);
            embedMs.Add(clock.Elapsed.TotalMilliseconds);
        }

        embedMs.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Embedding one question with the local model (all-MiniLM-L6-v2): p50 {Load.Percentile.Of(embedMs, 50):F2} ms, p99 {Load.Percentile.Of(embedMs, 99):F2} ms."));
    }

    internal sealed record BuiltIndex(LexicalIndex Lexical, VectorIndex Vectors);
}

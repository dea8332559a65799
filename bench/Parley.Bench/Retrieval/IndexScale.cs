using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Parley.Bench.Knowledge;
using Parley.Bench.Load;
using Parley.Core.Knowledge;
using Parley.Embeddings.Local;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Index;

namespace Parley.Bench.Retrieval;

/// <summary>
/// The <c>retrieval</c> command: how long one bot's in-memory indexes take to answer at 10,000 and 100,000
/// chunks. The text is the chat bench's synthetic documentation, chunked by the server's chunker; the vectors
/// are random unit vectors (search cost does not depend on what they mean); the question's own embedding is
/// timed separately with the real local model.
/// </summary>
internal static class IndexScale
{
    private const int Queries = 400;
    private const int Dimensions = 384;

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine(Machine.Describe());
        var questions = new QuestionSet(Queries);
        output.WriteLine("chunks     build s  lexical p50 ms  lexical p99 ms  vector p50 ms  vector p99 ms  index MB");
        foreach (var pages in new[] { 200, 2_000 })
        {
            var chunks = Chunks(pages);
            var clock = Stopwatch.StartNew();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var lexical = LexicalIndex.Build(chunks);
            var vectors = VectorIndex.Build(chunks, "random")!;
            var built = clock.Elapsed.TotalSeconds;
            var megabytes = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / 1024.0;

            var random = new Random(1);
            var lexicalMs = new List<double>();
            var vectorMs = new List<double>();
            for (var i = 0; i < Queries; i++)
            {
                var terms = QueryTerms.Extract(questions.Next()).Select(w => new QueryTerm(QueryTerms.Stem(w), 1.0)).ToList();
                clock.Restart();
                lexical.Search(terms, 50, 0.2);
                lexicalMs.Add(clock.Elapsed.TotalMilliseconds);

                var query = UnitVector(random);
                clock.Restart();
                vectors.Search(query, 50);
                vectorMs.Add(clock.Elapsed.TotalMilliseconds);
            }

            lexicalMs.Sort();
            vectorMs.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{chunks.Count,-10:N0} {built,7:F1} {Percentile.Of(lexicalMs, 50),15:F3} {Percentile.Of(lexicalMs, 99),15:F3} {Percentile.Of(vectorMs, 50),14:F3} {Percentile.Of(vectorMs, 99),14:F3} {megabytes,9:F0}"));
        }

        using var model = new MiniLmEmbeddingGenerator();
        await model.GenerateAsync(["warm up"]);
        var embedMs = new List<double>();
        var clockEmbed = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            var question = questions.Next();
            clockEmbed.Restart();
            await model.GenerateAsync([question]);
            embedMs.Add(clockEmbed.Elapsed.TotalMilliseconds);
        }

        embedMs.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Embedding one question with the local model (all-MiniLM-L6-v2): p50 {Percentile.Of(embedMs, 50):F2} ms, p99 {Percentile.Of(embedMs, 99):F2} ms."));
    }

    internal static List<StoredChunk> Chunks(int pages)
    {
        var random = new Random(2);
        var chunks = new List<StoredChunk>();
        foreach (var page in SyntheticDocs.Generate(pages, 50))
        {
            foreach (var chunk in TextChunker.Split(page.Title, page.Url, page.Markdown))
                chunks.Add(new StoredChunk(chunks.Count, page.Url, SourceType.Text, chunk.PageTitle, chunk.Url, chunk.Heading, chunk.Text, UnitVector(random), "random"));
        }

        return chunks;
    }

    internal static float[] UnitVector(Random random)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++)
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < Dimensions; i++)
            vector[i] /= norm;
        return vector;
    }
}

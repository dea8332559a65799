using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Bench.Eval;

/// <summary>
/// The ceiling for ingestion: the embedding model alone, on exactly the texts ingestion embedded, in the
/// same process and run. Crawling, extracting, chunking and storing should cost little beside it.
/// </summary>
internal static class ModelBaseline
{
    public static async Task PrintAsync(IServiceProvider services, string botId, IngestionResult ingestion, TextWriter output)
    {
        var generator = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
        if (generator is null)
        {
            output.WriteLine("Model baseline: no embedding model configured.");
            return;
        }

        var chunks = await services.GetRequiredService<IKnowledgeStore>().ReadChunksAsync(botId);
        var texts = chunks.Select(c => ChunkEmbedder.TextOf(new Chunk(0, c.PageTitle, c.Url, c.Heading, c.Text))).ToList();
        var clock = Stopwatch.StartNew();
        await generator.GenerateAsync(texts);
        var modelRate = texts.Count / clock.Elapsed.TotalSeconds;
        var ingestionRate = ingestion.Chunks / ingestion.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Model baseline ({generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "?"}): {texts.Count} chunks embedded alone in {clock.Elapsed.TotalSeconds:F1} s = {modelRate:F1} chunks/s; " +
            $"ingestion reached {ingestionRate:F1} chunks/s = {100 * ingestionRate / modelRate:F0} % of the model alone (target >= 70 %)."));
    }
}

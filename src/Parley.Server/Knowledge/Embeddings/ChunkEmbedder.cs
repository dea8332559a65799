using Microsoft.Extensions.AI;
using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// Gives chunks their embeddings before they are stored, and turns questions into the same space.
/// A chunk is embedded with its page title and heading, which say what its text is about.
/// Without an embedding model both steps do nothing and retrieval is lexical only.
/// </summary>
public sealed class ChunkEmbedder(IServiceProvider services, Microsoft.Extensions.Options.IOptions<EmbeddingOptions> options) : IDisposable
{
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator =
        services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();

    // The model already uses every core for one batch; two ingestion batches at once only fight over them.
    // Questions do not queue behind this: a visitor waits for nobody's ingestion.
    private readonly SemaphoreSlim _ingesting = new(1, 1);

    public bool Enabled => _generator is not null;

    /// <summary>Names the model that makes this server's embeddings; chunks made by another are re-embedded.</summary>
    public string ModelId { get; } = options.Value.Provider == "openai" ? $"openai/{options.Value.Model}" : "local/all-MiniLM-L6-v2";

    public async Task<IReadOnlyList<Chunk>> EmbedAsync(IReadOnlyList<Chunk> chunks, CancellationToken ct)
    {
        if (_generator is null || chunks.Count == 0)
            return chunks;
        await _ingesting.WaitAsync(ct);
        try
        {
            var embeddings = await _generator.GenerateAsync(chunks.Select(TextOf), cancellationToken: ct);
            return chunks.Select((chunk, i) => chunk with { Embedding = embeddings[i].Vector.ToArray(), EmbeddingModel = ModelId }).ToList();
        }
        finally
        {
            _ingesting.Release();
        }
    }

    public async Task<float[]?> EmbedQuestionAsync(string question, CancellationToken ct) =>
        _generator is null ? null : (await _generator.GenerateAsync([question], cancellationToken: ct))[0].Vector.ToArray();

    /// <summary>Short texts (sentences) in the questions' space, for the answer step; null without a model.</summary>
    public async Task<IReadOnlyList<float[]>?> EmbedTextsAsync(IReadOnlyList<string> texts, CancellationToken ct) =>
        _generator is null ? null : (await _generator.GenerateAsync(texts, cancellationToken: ct)).Select(e => e.Vector.ToArray()).ToList();

    public void Dispose() => _ingesting.Dispose();

    internal static string TextOf(Chunk chunk) =>
        chunk.Heading is null ? $"{chunk.PageTitle}\n{chunk.Text}" : $"{chunk.PageTitle} — {chunk.Heading}\n{chunk.Text}";
}

using Microsoft.Extensions.AI;
using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Embeddings.Local;
using Parley.Server.Bots;

namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// Gives chunks their embeddings before they are stored, and turns questions into the same space, each with
/// the model of the bot they belong to. A chunk is embedded with its page title and heading, which say what
/// its text is about. For a bot without an embedding model both steps do nothing and retrieval is lexical only.
/// </summary>
public sealed class ChunkEmbedder(EmbeddingModels models, BotCache bots, ILogger<ChunkEmbedder> log) : IDisposable
{
    // The local model already uses every core for one batch; two ingestion batches at once only fight over them.
    // Questions do not queue behind this: a visitor waits for nobody's ingestion.
    private readonly SemaphoreSlim _ingesting = new(1, 1);

    public EmbeddingModel ModelOf(Bot bot) => models.For(bot);

    /// <summary>
    /// Embeds chunks for the bot with this id, as it is configured now. When its model cannot be reached the
    /// chunks are stored without embeddings, found by their words until the re-embedding worker catches up:
    /// knowledge is never refused because an embedding endpoint is down.
    /// </summary>
    public async Task<IReadOnlyList<Chunk>> EmbedAsync(string botId, IReadOnlyList<Chunk> chunks, CancellationToken ct)
    {
        var (bot, _) = await bots.FindAsync(botId, ct);
        if (bot is null)
            return chunks;
        var model = models.For(bot);
        try
        {
            return await EmbedAsync(model, chunks, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && model.Generator is not null)
        {
            log.LogWarning("Embedding new knowledge of bot {BotId} with {Model} failed ({Failure}); it is stored for search by words and embedded later.",
                botId, model.Id, e.GetType().Name);
            return chunks;
        }
    }

    public async Task<IReadOnlyList<Chunk>> EmbedAsync(EmbeddingModel model, IReadOnlyList<Chunk> chunks, CancellationToken ct)
    {
        if (model.Generator is null || chunks.Count == 0)
            return chunks;
        await _ingesting.WaitAsync(ct);
        try
        {
            var embeddings = await model.Generator.GenerateAsync(chunks.Select(TextOf), cancellationToken: ct);
            return chunks.Select((chunk, i) => chunk with { Embedding = embeddings[i].Vector.ToArray(), EmbeddingModel = model.Id }).ToList();
        }
        finally
        {
            _ingesting.Release();
        }
    }

    /// <summary>
    /// A question in the space of the chunks, marked as a search query: a model trained asymmetrically (arctic-embed)
    /// embeds it with its query instruction; the others, and remote endpoints, see the text alone.
    /// </summary>
    public static async Task<float[]?> EmbedQuestionAsync(EmbeddingModel model, string question, CancellationToken ct) =>
        model.Generator is null ? null : (await model.Generator.GenerateAsync([question], QueryMarker.Mark(), ct))[0].Vector.ToArray();

    /// <summary>
    /// Short texts (sentences) embedded as documents, for the answer step; null without a model. The question they are
    /// compared with goes through <see cref="EmbedQuestionAsync"/>, and their cosines are read on <see cref="EmbeddingModel.Scale"/>.
    /// </summary>
    public static async Task<IReadOnlyList<float[]>?> EmbedTextsAsync(EmbeddingModel model, IReadOnlyList<string> texts, CancellationToken ct) =>
        model.Generator is null ? null : (await model.Generator.GenerateAsync(texts, cancellationToken: ct)).Select(e => e.Vector.ToArray()).ToList();

    public void Dispose() => _ingesting.Dispose();

    internal static string TextOf(Chunk chunk) =>
        chunk.Heading is null ? $"{chunk.PageTitle}\n{chunk.Text}" : $"{chunk.PageTitle} — {chunk.Heading}\n{chunk.Text}";
}

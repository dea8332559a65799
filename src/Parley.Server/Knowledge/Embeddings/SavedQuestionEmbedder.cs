using Microsoft.Extensions.AI;
using Parley.Core.Knowledge;
using Parley.Embeddings.Local;
using Parley.Server.Bots;

namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// Embeds the questions of Q&amp;A sources, as search queries like the visitor questions they are compared with, and
/// stores them: when a Q&amp;A source is added or edited, and again for any whose stored vector is of another question
/// or another model (the bot's model changed) when the bot's saved answers are next read.
/// </summary>
public sealed class SavedQuestionEmbedder(ISavedAnswerStore store, ChunkEmbedder embedder, BotCache bots, ILogger<SavedQuestionEmbedder> log)
{
    /// <summary>
    /// Embeds a new or edited Q&amp;A source's question for its bot. A model that cannot be reached only delays it: the
    /// question is embedded when the bot's saved answers are next read.
    /// </summary>
    public async Task EmbedAsync(Source source, CancellationToken ct)
    {
        if (source is not { Type: SourceType.Qa, Question: { } question })
            return;
        var (bot, _) = await bots.FindAsync(source.BotId, ct);
        if (bot is null || embedder.ModelOf(bot) is not { Id: { } model, Generator: { } generator })
            return;
        try
        {
            var vector = (await generator.GenerateAsync([question], QueryMarker.Mark(), ct))[0].Vector.ToArray();
            await store.StoreQuestionEmbeddingAsync(source.BotId, source.Id, question, model, vector, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Embedding the question of Q&A source {SourceId} with {Model} failed ({Failure}); it is embedded when next needed.",
                source.Id, model, e.GetType().Name);
        }
    }

    /// <summary>
    /// The bot's saved questions, each with its vector by <paramref name="model"/>: those stored by another model or
    /// of an earlier wording are embedded now and stored. A failure leaves them without one (compared by words).
    /// </summary>
    public async Task<IReadOnlyList<SavedQuestion>> ReadAsync(string botId, EmbeddingModel model, CancellationToken ct)
    {
        var saved = await store.ReadSavedQuestionsAsync(botId, ct);
        if (model is not { Id: { } id, Generator: { } generator })
            return saved;
        var stale = saved.Where(q => !q.EmbeddedBy(id)).ToList();
        if (stale.Count == 0)
            return saved;
        try
        {
            var vectors = await generator.GenerateAsync(stale.Select(q => q.Question), QueryMarker.Mark(), ct);
            var fresh = new Dictionary<string, SavedQuestion>(StringComparer.Ordinal);
            for (var i = 0; i < stale.Count; i++)
            {
                var q = stale[i];
                var vector = vectors[i].Vector.ToArray();
                await store.StoreQuestionEmbeddingAsync(botId, q.SourceId, q.Question, id, vector, ct);
                fresh[q.SourceId] = q with { Embedding = vector, EmbeddingModel = id, EmbeddedQuestion = q.Question };
            }

            return saved.Select(q => fresh.GetValueOrDefault(q.SourceId, q)).ToList();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Embedding {Count} saved questions of bot {BotId} with {Model} failed ({Failure}); they are compared by words for now.",
                stale.Count, botId, id, e.GetType().Name);
            return saved;
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Embeddings.Local;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.SavedAnswers;

/// <summary>
/// Finds the Q&amp;A source whose question a visitor's question asks again: the closest saved question, by meaning on
/// the bot's embedding model when it has one (the bot's <c>qa_match_threshold</c>, else the model's measured
/// <see cref="SimilarityScale.SameQuestion"/>), else by words at <see cref="WordsBar"/>. Each bot's saved questions are
/// kept in memory until its knowledge version or its model changes; an edited Q&amp;A source moves the version, so
/// the next question is compared with what the owner wrote last, on every replica.
/// </summary>
public sealed class SavedAnswerFinder(SavedQuestionEmbedder questions, ChunkEmbedder embedder, ILogger<SavedAnswerFinder> log)
{
    /// <summary>
    /// By words, the share of stemmed words two questions must have in common. Measured (bench/README.md), no near-miss
    /// reaches 0.7 and nothing lies between 0.7 and 1: by words only a question asked in the saved question's own
    /// words is answered from it, the rest go to retrieval as before.
    /// </summary>
    public const double WordsBar = 0.75;

    private readonly ConcurrentDictionary<string, Known> _bots = new(StringComparer.Ordinal);

    /// <summary>
    /// The saved answer for the question as asked (a follow-up is not rewritten first: its words are what the owner's
    /// question is compared with). A failure to look is no reason to fail the turn: it is answered as if nothing matched.
    /// </summary>
    public async Task<SavedAnswerLookup> FindAsync(Bot bot, string question, CancellationToken ct)
    {
        try
        {
            var model = embedder.ModelOf(bot);
            var saved = await SavedQuestionsAsync(bot, model, ct);
            if (saved.Count == 0)
                return SavedAnswerLookup.None;
            var asked = await EmbedAsync(model, question, ct);
            var match = ByMeaning(saved, asked, bot.QaMatchThreshold ?? model.Scale.SameQuestion) ?? ByWords(saved, question, asked);
            return new SavedAnswerLookup(match, asked);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Looking for a saved answer of bot {BotId} failed; the question is answered from the knowledge.", bot.Id);
            return SavedAnswerLookup.None;
        }
    }

    private static SavedAnswerMatch? ByMeaning(IReadOnlyList<SavedQuestion> saved, EmbeddedQuestion? asked, double threshold)
    {
        if (asked is null)
            return null;
        return saved.Where(q => q.EmbeddedBy(asked.Model))
            .Select(q => new SavedAnswerMatch(q, QuestionCloseness.ByMeaning(asked.Vector, q.Embedding!)))
            .Where(m => m.Closeness >= threshold)
            .MaxBy(m => m.Closeness);
    }

    /// <summary>Saved questions without a vector of the model (none, or it failed) are compared by words, strictly.</summary>
    private static SavedAnswerMatch? ByWords(IReadOnlyList<SavedQuestion> saved, string question, EmbeddedQuestion? asked) =>
        saved.Where(q => asked is null || !q.EmbeddedBy(asked.Model))
            .Select(q => new SavedAnswerMatch(q, QuestionCloseness.ByWords(question, q.Question)))
            .Where(m => m.Closeness >= WordsBar)
            .MaxBy(m => m.Closeness);

    private async Task<EmbeddedQuestion?> EmbedAsync(EmbeddingModel model, string question, CancellationToken ct)
    {
        if (model is not { Id: { } id, Generator: { } generator })
            return null;
        try
        {
            var vector = (await generator.GenerateAsync([question], QueryMarker.Mark(), ct))[0].Vector.ToArray();
            return new EmbeddedQuestion(question, id, vector);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Embedding a question with {Model} failed ({Failure}); saved answers are compared by words.", id, e.GetType().Name);
            return null;
        }
    }

    private async ValueTask<IReadOnlyList<SavedQuestion>> SavedQuestionsAsync(Bot bot, EmbeddingModel model, CancellationToken ct)
    {
        if (_bots.TryGetValue(bot.Id, out var known) && known.Version == bot.KnowledgeVersion && known.Model == model.Id)
            return known.Questions;
        var saved = await questions.ReadAsync(bot.Id, model, ct);
        // Kept only when complete: a question left unembedded by a failing model is embedded again next time.
        if (model.Id is null || saved.All(q => q.EmbeddedBy(model.Id)))
            _bots[bot.Id] = new Known(bot.KnowledgeVersion, model.Id, saved);
        return saved;
    }

    private sealed record Known(long Version, string? Model, IReadOnlyList<SavedQuestion> Questions);
}

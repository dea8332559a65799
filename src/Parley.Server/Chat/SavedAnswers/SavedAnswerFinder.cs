using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Embeddings.Local;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.SavedAnswers;

/// <summary>
/// Finds the Q&amp;A source whose question a visitor's question asks again: each saved question's closeness to it
/// (<see cref="QuestionCloseness"/>: by meaning on the bot's embedding model, weighed by their words' agreement, or by
/// words alone without a model), then the closest at the bot's <c>qa_match_threshold</c>, else
/// <see cref="QuestionCloseness.DefaultThreshold"/>, clearly ahead of the rest (<see cref="SavedAnswerChoice"/>). Each
/// bot's saved questions are kept in memory until its knowledge version or its model changes; an edited Q&amp;A source
/// moves the version, so the next question is compared with what the owner wrote last, on every replica.
/// </summary>
public sealed class SavedAnswerFinder(SavedQuestionEmbedder questions, ChunkEmbedder embedder, ILogger<SavedAnswerFinder> log)
{
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
            var words = QuestionWords.Of(question);
            var closeness = saved.Select(s => Closeness(s, words, asked, model.Scale)).ToList();
            var chosen = SavedAnswerChoice.Pick(closeness, saved.Select(s => s.Saved.Answer).ToList(), bot.QaMatchThreshold ?? QuestionCloseness.DefaultThreshold);
            return new SavedAnswerLookup(chosen is { } i ? new SavedAnswerMatch(saved[i].Saved, closeness[i]) : null, asked);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Looking for a saved answer of bot {BotId} failed; the question is answered from the knowledge.", bot.Id);
            return SavedAnswerLookup.None;
        }
    }

    /// <summary>A saved question without a vector of the model (none, or it failed) is compared by words alone.</summary>
    private static double Closeness(Candidate saved, IReadOnlyList<string> words, EmbeddedQuestion? asked, SimilarityScale scale)
    {
        var agreement = QuestionWords.Compare(words, saved.Words);
        if (asked is null || !saved.Saved.EmbeddedBy(asked.Model))
            return QuestionCloseness.ByWords(agreement);
        var meaning = QuestionCloseness.Meaning(QuestionCloseness.Cosine(asked.Vector, saved.Saved.Embedding!), scale);
        return QuestionCloseness.Of(meaning, agreement);
    }
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

    private async ValueTask<IReadOnlyList<Candidate>> SavedQuestionsAsync(Bot bot, EmbeddingModel model, CancellationToken ct)
    {
        if (_bots.TryGetValue(bot.Id, out var known) && known.Version == bot.KnowledgeVersion && known.Model == model.Id)
            return known.Questions;
        var saved = (await questions.ReadAsync(bot.Id, model, ct)).Select(q => new Candidate(q, QuestionWords.Of(q.Question))).ToList();
        // Kept only when complete: a question left unembedded by a failing model is embedded again next time.
        if (model.Id is null || saved.All(q => q.Saved.EmbeddedBy(model.Id)))
            _bots[bot.Id] = new Known(bot.KnowledgeVersion, model.Id, saved);
        return saved;
    }

    private sealed record Known(long Version, string? Model, IReadOnlyList<Candidate> Questions);

    private sealed record Candidate(SavedQuestion Saved, IReadOnlyList<string> Words);
}

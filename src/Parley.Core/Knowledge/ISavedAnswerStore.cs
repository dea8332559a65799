namespace Parley.Core.Knowledge;

/// <summary>The Q&amp;A sources of a bot as saved answers: their questions' embeddings, and how often each was given.</summary>
public interface ISavedAnswerStore
{
    /// <summary>Every Q&amp;A source of the bot, with its question's stored embedding if any.</summary>
    Task<IReadOnlyList<SavedQuestion>> ReadSavedQuestionsAsync(string botId, CancellationToken ct = default);

    /// <summary>
    /// Stores the embedding of a Q&amp;A source's question, replacing the one before. It does not move the bot's knowledge
    /// version: passages are unchanged. Nothing is stored when the source no longer exists.
    /// </summary>
    Task StoreQuestionEmbeddingAsync(string botId, string sourceId, string question, string model, float[] embedding, CancellationToken ct = default);

    /// <summary>
    /// Counts one more answer given from the Q&amp;A source, in one atomic update, so concurrent turns on any number of
    /// replicas never lose a count; false when the source no longer exists.
    /// </summary>
    Task<bool> RecordHitAsync(string botId, string sourceId, DateTimeOffset at, CancellationToken ct = default);
}

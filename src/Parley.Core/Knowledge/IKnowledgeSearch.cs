namespace Parley.Core.Knowledge;

/// <summary>
/// Offered by stores that can search a bot's knowledge themselves (PostgreSQL: a full-text index and
/// pgvector's HNSW), so that replicas query the shared database instead of each holding an in-memory
/// index of every bot. The server still ranks and fuses the candidates, the same way for every store.
/// </summary>
public interface IKnowledgeSearch
{
    /// <summary>
    /// Up to <paramref name="limit"/> chunks of the bot holding any of <paramref name="stems"/> (from
    /// <see cref="QueryTerms"/>, most important first), those holding the most of them first.
    /// </summary>
    Task<IReadOnlyList<StoredChunk>> MatchTermsAsync(string botId, IReadOnlyList<string> stems, int limit, CancellationToken ct = default);

    /// <summary>Whether any chunk of the bot was embedded by <paramref name="model"/>.</summary>
    Task<bool> HasEmbeddingsAsync(string botId, string model, CancellationToken ct = default);

    /// <summary>The <paramref name="limit"/> chunks of the bot embedded by <paramref name="model"/> nearest to <paramref name="query"/> (a unit vector), by cosine similarity.</summary>
    Task<IReadOnlyList<(StoredChunk Chunk, double Similarity)>> NearestAsync(
        string botId, string model, float[] query, int limit, CancellationToken ct = default);
}

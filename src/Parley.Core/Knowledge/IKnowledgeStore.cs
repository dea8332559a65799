namespace Parley.Core.Knowledge;

public interface IKnowledgeStore
{
    /// <summary>Stores a source and indexes its chunks in one step: readers never see half of it.</summary>
    Task AddSourceAsync(Source source, IReadOnlyList<Chunk> chunks, CancellationToken ct = default);

    Task<Source?> GetSourceAsync(string botId, string sourceId, CancellationToken ct = default);

    Task<IReadOnlyList<Source>> ListSourcesAsync(string botId, CancellationToken ct = default);

    /// <summary>
    /// Stores a source's edited title, URL, content, question and sync interval (its status and progress stay
    /// as they are) and, when <paramref name="chunks"/> is given, replaces its chunks and moves the bot's
    /// knowledge version, in one step; false when the source no longer exists.
    /// </summary>
    Task<bool> UpdateSourceAsync(Source source, IReadOnlyList<Chunk>? chunks, CancellationToken ct = default);

    /// <summary>
    /// The passages the bot holds from one page of a source, in order, without embeddings; for a source that
    /// fetches no pages (text, Q&amp;A, file), <paramref name="pageUrl"/> is null and every passage is returned.
    /// </summary>
    Task<IReadOnlyList<Chunk>> ReadPassagesAsync(string botId, string sourceId, string? pageUrl, CancellationToken ct = default);

    /// <summary>Deletes the source with all its chunks.</summary>
    Task<bool> DeleteSourceAsync(string botId, string sourceId, CancellationToken ct = default);

    /// <summary>
    /// Every chunk of one bot's knowledge, for building the bot's search index. The index is rebuilt when
    /// <see cref="Bots.Bot.KnowledgeVersion"/> changes, which every write above makes it do.
    /// </summary>
    Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string botId, CancellationToken ct = default);

    /// <summary>Up to <paramref name="limit"/> chunks of one bot whose embedding was not made by <paramref name="model"/>.</summary>
    Task<IReadOnlyList<StoredChunk>> ReadStaleChunksAsync(string botId, string model, int limit, CancellationToken ct = default);

    /// <summary>Replaces chunks' embeddings with ones made by <paramref name="model"/>, moving their bots' knowledge versions.</summary>
    Task UpdateEmbeddingsAsync(IReadOnlyList<(long ChunkId, float[] Embedding)> embeddings, string model, CancellationToken ct = default);
}

namespace Parley.Core.Knowledge;

public interface IKnowledgeStore
{
    /// <summary>Stores a source and indexes its chunks in one step: readers never see half of it.</summary>
    Task AddSourceAsync(Source source, IReadOnlyList<Chunk> chunks, CancellationToken ct = default);

    Task<Source?> GetSourceAsync(string botId, string sourceId, CancellationToken ct = default);

    Task<IReadOnlyList<Source>> ListSourcesAsync(string botId, CancellationToken ct = default);

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

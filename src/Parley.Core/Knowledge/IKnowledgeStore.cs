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
    /// Lexical search within one bot's knowledge. <paramref name="terms"/> are already normalised words;
    /// a chunk matches when it holds any of them.
    /// </summary>
    Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string botId, IReadOnlyList<string> terms, int limit, CancellationToken ct = default);
}

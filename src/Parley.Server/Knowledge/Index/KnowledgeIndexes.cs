using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge.Index;

/// <summary>
/// The in-memory index of each bot that is being asked questions, built from the store on first use
/// and rebuilt when the bot's knowledge version moves. Idle bots' indexes are evicted and the total is
/// capped by chunk count, so memory follows the traffic rather than the number of bots. A bot that changes
/// its embedding model gets a new index too: its questions must meet vectors of the same model.
/// </summary>
public sealed class KnowledgeIndexes(IKnowledgeStore store, Embeddings.ChunkEmbedder embedder, IOptions<RetrievalOptions> options) : IDisposable
{
    private static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxIndexedChunks });
    private readonly Lock _building = new();

    public async Task<KnowledgeIndex> GetAsync(Bot bot, CancellationToken ct)
    {
        var entry = EntryFor(bot, embedder.ModelOf(bot));
        try
        {
            return await entry.Index.Value.WaitAsync(ct);
        }
        catch when (entry.Index.Value.IsFaulted)
        {
            // A failed build is not kept: the next question tries again.
            _cache.Remove(bot.Id);
            throw;
        }
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>
    /// The entry for the bot's current knowledge. A newer entry also serves a request that read the bot
    /// just before a change; one build per bot and version, however many questions arrive at once.
    /// </summary>
    private Entry EntryFor(Bot bot, Embeddings.EmbeddingModel model)
    {
        if (_cache.TryGetValue(bot.Id, out Entry? cached) && cached!.Serves(bot, model))
            return cached;

        lock (_building)
        {
            if (_cache.TryGetValue(bot.Id, out cached) && cached!.Serves(bot, model))
                return cached;
            var entry = new Entry(bot.KnowledgeVersion, model.Id, new Lazy<Task<KnowledgeIndex>>(() => BuildAsync(bot.Id, model)));
            _cache.Set(bot.Id, entry, new MemoryCacheEntryOptions { SlidingExpiration = IdleFor, Size = 1 });
            return entry;
        }
    }

    private async Task<KnowledgeIndex> BuildAsync(string botId, Embeddings.EmbeddingModel model)
    {
        // Not tied to the first asker's cancellation: the index serves everyone who waits for it.
        var chunks = await store.ReadChunksAsync(botId, CancellationToken.None);
        var index = new KnowledgeIndex(LexicalIndex.Build(chunks), model.Id is null ? null : VectorIndex.Build(chunks, model.Id), model);
        if (_cache.TryGetValue(botId, out Entry? entry))
            _cache.Set(botId, entry, new MemoryCacheEntryOptions { SlidingExpiration = IdleFor, Size = Math.Max(1, index.Count) });
        return index;
    }

    private sealed record Entry(long Version, string? ModelId, Lazy<Task<KnowledgeIndex>> Index)
    {
        public bool Serves(Bot bot, Embeddings.EmbeddingModel model) => Version >= bot.KnowledgeVersion && ModelId == model.Id;
    }
}

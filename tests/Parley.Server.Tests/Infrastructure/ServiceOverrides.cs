using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Core.Knowledge;

namespace Parley.Server.Tests.Infrastructure;

public static class ServiceOverrides
{
    public static ParleyApp WithGenerator(this ParleyApp app, IChatClient generator) =>
        app.WithServices(services => services.Replace(ServiceDescriptor.Singleton(generator)));

    /// <summary>Wraps the real knowledge store so that searching it fails, as an unreachable index would.</summary>
    public static ParleyApp WithFailingSearch(this ParleyApp app) =>
        app.WithServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IKnowledgeStore));
            services.Remove(real);
            services.AddSingleton<IKnowledgeStore>(provider =>
                new FailingSearchStore((IKnowledgeStore)ActivatorUtilities.CreateInstance(provider, real.ImplementationType!)));
            // A store that searches by itself (PostgreSQL) fails the same way.
            if (services.Any(d => d.ServiceType == typeof(IKnowledgeSearch)))
                services.Replace(ServiceDescriptor.Singleton<IKnowledgeSearch>(new FailingSearch()));
        });

    private sealed class FailingSearch : IKnowledgeSearch
    {
        public Task<IReadOnlyList<StoredChunk>> MatchPrefixesAsync(string botId, IReadOnlyList<string> prefixes, int limit, CancellationToken ct = default) =>
            throw new TimeoutException("The knowledge store did not answer.");

        public Task<IReadOnlyList<(StoredChunk Chunk, double Similarity)>> NearestAsync(
            string botId, string model, float[] query, int limit, CancellationToken ct = default) =>
            throw new TimeoutException("The knowledge store did not answer.");
    }

    private sealed class FailingSearchStore(IKnowledgeStore inner) : IKnowledgeStore
    {
        public Task AddSourceAsync(Source source, IReadOnlyList<Chunk> chunks, CancellationToken ct = default) => inner.AddSourceAsync(source, chunks, ct);

        public Task<Source?> GetSourceAsync(string botId, string sourceId, CancellationToken ct = default) => inner.GetSourceAsync(botId, sourceId, ct);

        public Task<IReadOnlyList<Source>> ListSourcesAsync(string botId, CancellationToken ct = default) => inner.ListSourcesAsync(botId, ct);

        public Task<bool> DeleteSourceAsync(string botId, string sourceId, CancellationToken ct = default) => inner.DeleteSourceAsync(botId, sourceId, ct);

        public Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string botId, CancellationToken ct = default) =>
            throw new TimeoutException("The knowledge store did not answer.");

        public Task<IReadOnlyList<StoredChunk>> ReadStaleChunksAsync(string model, int limit, CancellationToken ct = default) =>
            inner.ReadStaleChunksAsync(model, limit, ct);

        public Task UpdateEmbeddingsAsync(IReadOnlyList<(long ChunkId, float[] Embedding)> embeddings, string model, CancellationToken ct = default) =>
            inner.UpdateEmbeddingsAsync(embeddings, model, ct);
    }
}

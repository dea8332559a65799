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
    public static ParleyApp WithFailingSearch(this ParleyApp app) => app.WithSearch(delay: null);

    /// <summary>Wraps the real knowledge store so that reading a bot's index takes <paramref name="delay"/>, as an overloaded database would.</summary>
    public static ParleyApp WithSlowSearch(this ParleyApp app, TimeSpan delay) => app.WithSearch(delay);

    private static ParleyApp WithSearch(this ParleyApp app, TimeSpan? delay) =>
        app.WithServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IKnowledgeStore));
            services.Remove(real);
            services.AddSingleton<IKnowledgeStore>(provider =>
                new FailingSearchStore((IKnowledgeStore)ActivatorUtilities.CreateInstance(provider, real.ImplementationType!), delay));
            // A store that searches by itself (PostgreSQL) fails the same way.
            if (services.Any(d => d.ServiceType == typeof(IKnowledgeSearch)))
                services.Replace(ServiceDescriptor.Singleton<IKnowledgeSearch>(new FailingSearch(delay)));
        });

    /// <summary>Fails at once, or after <paramref name="delay"/>, which the retrieval budget never waits out.</summary>
    private sealed class FailingSearch(TimeSpan? delay) : IKnowledgeSearch
    {
        public async Task<IReadOnlyList<StoredChunk>> MatchTermsAsync(string botId, IReadOnlyList<string> stems, int limit, CancellationToken ct = default)
        {
            await StallAsync(ct);
            throw new TimeoutException("The knowledge store did not answer.");
        }

        public async Task<bool> HasEmbeddingsAsync(string botId, string model, CancellationToken ct = default)
        {
            await StallAsync(ct);
            throw new TimeoutException("The knowledge store did not answer.");
        }

        public async Task<IReadOnlyList<(StoredChunk Chunk, double Similarity)>> NearestAsync(
            string botId, string model, float[] query, int limit, CancellationToken ct = default)
        {
            await StallAsync(ct);
            throw new TimeoutException("The knowledge store did not answer.");
        }

        private Task StallAsync(CancellationToken ct) => delay is { } wait ? Task.Delay(wait, ct) : Task.CompletedTask;
    }

    private sealed class FailingSearchStore(IKnowledgeStore inner, TimeSpan? delay) : IKnowledgeStore
    {
        public Task AddSourceAsync(Source source, IReadOnlyList<Chunk> chunks, CancellationToken ct = default) => inner.AddSourceAsync(source, chunks, ct);

        public Task<Source?> GetSourceAsync(string botId, string sourceId, CancellationToken ct = default) => inner.GetSourceAsync(botId, sourceId, ct);

        public Task<IReadOnlyList<Source>> ListSourcesAsync(string botId, CancellationToken ct = default) => inner.ListSourcesAsync(botId, ct);

        public Task<bool> UpdateSourceAsync(Source source, IReadOnlyList<Chunk>? chunks, CancellationToken ct = default) =>
            inner.UpdateSourceAsync(source, chunks, ct);

        public Task<IReadOnlyList<Chunk>> ReadPassagesAsync(string botId, string sourceId, string? pageUrl, CancellationToken ct = default) =>
            inner.ReadPassagesAsync(botId, sourceId, pageUrl, ct);

        public Task<bool> DeleteSourceAsync(string botId, string sourceId, CancellationToken ct = default) => inner.DeleteSourceAsync(botId, sourceId, ct);

        public async Task<IReadOnlyList<StoredChunk>> ReadChunksAsync(string botId, CancellationToken ct = default)
        {
            if (delay is null)
                throw new TimeoutException("The knowledge store did not answer.");
            await Task.Delay(delay.Value, ct);
            return await inner.ReadChunksAsync(botId, ct);
        }

        public Task<IReadOnlyList<StoredChunk>> ReadStaleChunksAsync(string botId, string model, int limit, CancellationToken ct = default) =>
            inner.ReadStaleChunksAsync(botId, model, limit, ct);

        public Task UpdateEmbeddingsAsync(IReadOnlyList<(long ChunkId, float[] Embedding)> embeddings, string model, CancellationToken ct = default) =>
            inner.UpdateEmbeddingsAsync(embeddings, model, ct);
    }
}

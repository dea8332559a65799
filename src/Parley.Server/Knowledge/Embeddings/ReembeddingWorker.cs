using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// After the embedding model changes (another provider or model, or embeddings turned on), re-embeds the
/// chunks the old one made, in batches, in the background. Until a bot's chunks are done its questions
/// are still answered, by words alone for the chunks not yet re-embedded.
/// </summary>
public sealed class ReembeddingWorker(IKnowledgeStore knowledge, ChunkEmbedder embedder, ILogger<ReembeddingWorker> log) : BackgroundService
{
    private const int Batch = 32;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!embedder.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var stale = await knowledge.ReadStaleChunksAsync(embedder.ModelId, Batch, stoppingToken);
                if (stale.Count == 0)
                {
                    await Task.Delay(Idle, stoppingToken);
                    continue;
                }

                var embedded = await embedder.EmbedAsync(
                    stale.Select(c => new Chunk(0, c.PageTitle, c.Url, c.Heading, c.Text)).ToList(), stoppingToken);
                await knowledge.UpdateEmbeddingsAsync(
                    stale.Select((c, i) => (c.ChunkId, embedded[i].Embedding!)).ToList(), embedder.ModelId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Re-embedding chunks for {Model} failed; retrying shortly.", embedder.ModelId);
                await Task.Delay(Idle, stoppingToken);
            }
        }
    }
}

using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Server.Bots;

namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// After a bot's embedding model changes (its own setting, or the deployment's for bots that set none), re-embeds
/// the chunks the old model made, in batches, in the background. Until a bot's chunks are done its questions are
/// still answered, by words alone for the chunks not yet re-embedded. One bot's failing endpoint does not hold
/// up the others.
/// </summary>
public sealed class ReembeddingWorker(
    IBotStore bots, IKnowledgeStore knowledge, ChunkEmbedder embedder, BotCache cache, ReembeddingSignal signal, ILogger<ReembeddingWorker> log)
    : BackgroundService
{
    private const int Batch = 32;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                foreach (var bot in await bots.ListAsync(null, stoppingToken))
                    busy |= await ReembedBatchAsync(bot, stoppingToken);
                if (!busy)
                    await signal.WaitAsync(Idle, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Looking for chunks to re-embed failed; retrying shortly.");
                await Task.Delay(Idle, stoppingToken);
            }
        }
    }

    /// <summary>Re-embeds one batch of the bot's stale chunks; false when it has none, or its model cannot be reached now.</summary>
    private async Task<bool> ReembedBatchAsync(Bot bot, CancellationToken ct)
    {
        var model = embedder.ModelOf(bot);
        if (model.Id is null)
            return false;
        try
        {
            var stale = await knowledge.ReadStaleChunksAsync(bot.Id, model.Id, Batch, ct);
            if (stale.Count == 0)
                return false;

            var embedded = await embedder.EmbedAsync(
                model, stale.Select(c => new Chunk(0, c.PageTitle, c.Url, c.Heading, c.Text)).ToList(), ct);
            await knowledge.UpdateEmbeddingsAsync(stale.Select((c, i) => (c.ChunkId, embedded[i].Embedding!)).ToList(), model.Id, ct);
            // The last batch is published at once; the ones before, at most once a second.
            await (stale.Count < Batch ? cache.ForgetAsync(bot.Id) : cache.ForgetThrottledAsync(bot.Id));
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Re-embedding the knowledge of bot {BotId} with {Model} failed; retrying later.", bot.Id, model.Id);
            return false;
        }
    }
}

using Parley.Core.Knowledge;
using Parley.Server.Bots;
using Parley.Server.Knowledge.Embeddings;
using Parley.Server.Knowledge.Extraction;
using Parley.Server.Knowledge.Ingestion;

namespace Parley.Server.Knowledge;

/// <summary>Turns what a business gives (a text, a Q&amp;A pair) into a stored, indexed source.</summary>
public sealed class SourceIngestor(
    IKnowledgeStore store, IIngestionStore ingestion, IngestionSignal signal, ChunkEmbedder embedder, BotCache bots, TimeProvider time)
{
    public async Task<Source> AddTextAsync(string botId, string title, string? url, string text, CancellationToken ct)
    {
        var source = NewSource(botId, SourceType.Text, title, url, text, question: null);
        var chunks = await embedder.EmbedAsync(TextChunker.Split(title, url, text), ct);
        await store.AddSourceAsync(source, chunks, ct);
        bots.Forget(botId);
        return source with { Chunks = chunks.Count };
    }

    /// <summary>A Q&amp;A pair is one passage: the question is its title, so it is found by the words visitors use.</summary>
    public async Task<Source> AddQaAsync(string botId, string question, string answer, CancellationToken ct)
    {
        var source = NewSource(botId, SourceType.Qa, question, url: null, answer, question);
        var chunks = await embedder.EmbedAsync([new Chunk(0, question, null, null, answer)], ct);
        await store.AddSourceAsync(source, chunks, ct);
        bots.Forget(botId);
        return source with { Chunks = chunks.Count };
    }

    /// <summary>An uploaded document, already extracted: indexed like a text, titled by the document or its file name.</summary>
    public async Task<Source> AddFileAsync(string botId, string fileName, ExtractedDocument document, CancellationToken ct)
    {
        var source = NewSource(botId, SourceType.File, document.Title, url: null, document.Markdown, question: null) with { Question = null };
        var chunks = await embedder.EmbedAsync(TextChunker.Split(document.Title, null, document.Markdown), ct);
        await store.AddSourceAsync(source with { Content = document.Markdown }, chunks, ct);
        bots.Forget(botId);
        return source with { Chunks = chunks.Count };
    }

    /// <summary>A source whose pages a background worker fetches: stored as queued, then synced.</summary>
    public async Task<Source> AddFetchedAsync(
        string botId, SourceType type, string url, CrawlSettings? crawl, int? syncIntervalSeconds, CancellationToken ct)
    {
        var source = NewSource(botId, type, url, url, "", question: null) with
        {
            Status = SourceStatus.Queued,
            Crawl = crawl,
            SyncIntervalSeconds = syncIntervalSeconds,
        };
        await store.AddSourceAsync(source, [], ct);
        await SyncAsync(source.Id, ct);
        return source;
    }

    public async Task SyncAsync(string sourceId, CancellationToken ct)
    {
        await ingestion.EnqueueAsync(sourceId, ct);
        signal.JobQueued();
    }

    private Source NewSource(string botId, SourceType type, string title, string? url, string content, string? question)
    {
        var now = time.GetUtcNow();
        return new Source
        {
            Id = Guid.CreateVersion7().ToString(),
            BotId = botId,
            Type = type,
            Title = title,
            Url = url,
            Content = content,
            Question = question,
            Status = SourceStatus.Ready,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}

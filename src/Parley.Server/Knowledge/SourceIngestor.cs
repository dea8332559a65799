using Parley.Core.Knowledge;
using Parley.Server.Bots;
using Parley.Server.Knowledge.Embeddings;
using Parley.Server.Knowledge.Extraction;
using Parley.Server.Knowledge.Ingestion;

namespace Parley.Server.Knowledge;

/// <summary>Turns what a business gives (a text, a Q&amp;A pair, a document, a website) into a stored, indexed source.</summary>
public sealed class SourceIngestor(
    IKnowledgeStore store, IIngestionStore ingestion, IngestionSignal signal, ChunkEmbedder embedder, SavedQuestionEmbedder questions,
    BotCache bots, TimeProvider time)
{
    public Task<Source> AddTextAsync(string botId, string title, string? url, string text, CancellationToken ct) =>
        StoreAsync(NewSource(botId, SourceType.Text, title, url, text, question: null), ct);

    /// <summary>A Q&amp;A pair is one passage: the question is its title, so it is found by the words visitors use.</summary>
    public Task<Source> AddQaAsync(string botId, string question, string answer, string? url, CancellationToken ct) =>
        StoreAsync(NewSource(botId, SourceType.Qa, question, url, answer, question), ct);

    /// <summary>An uploaded document, already extracted: indexed like a text, titled by the document.</summary>
    public Task<Source> AddFileAsync(string botId, ExtractedDocument document, CancellationToken ct) =>
        StoreAsync(NewSource(botId, SourceType.File, document.Title, url: null, document.Markdown, question: null), ct);

    /// <summary>
    /// Stores an edited source. When what visitors are answered from changed (<paramref name="reindex"/>), its
    /// passages are made and embedded again and replace the old ones in the same step, so the bot's next question
    /// finds the new text and never a mix; null when the source was deleted meanwhile.
    /// </summary>
    public async Task<Source?> UpdateAsync(Source edited, bool reindex, CancellationToken ct)
    {
        edited = edited with { UpdatedAt = time.GetUtcNow() };
        var chunks = reindex ? await embedder.EmbedAsync(edited.BotId, ChunksOf(edited), ct) : null;
        if (!await store.UpdateSourceAsync(edited, chunks, ct))
            return null;
        if (chunks is null)
            return edited;
        await questions.EmbedAsync(edited, ct);
        await bots.ForgetAsync(edited.BotId);
        return edited with { Chunks = chunks.Count };
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

    /// <summary>The passages of a source that is not fetched: a text or document split at its headings, a Q&amp;A pair whole.</summary>
    private static IReadOnlyList<Chunk> ChunksOf(Source source) => source.Type switch
    {
        SourceType.Qa => [new Chunk(0, source.Question!, source.Url, null, source.Content)],
        SourceType.Text or SourceType.File => TextChunker.Split(source.Title, source.Url, source.Content),
        _ => throw new ArgumentException($"{source.Type} sources are fetched, not written.", nameof(source)),
    };

    /// <summary>Embeds the chunks and stores them with their source in one step; the bot's next question sees them.</summary>
    private async Task<Source> StoreAsync(Source source, CancellationToken ct)
    {
        var embedded = await embedder.EmbedAsync(source.BotId, ChunksOf(source), ct);
        await store.AddSourceAsync(source, embedded, ct);
        // A Q&A source is also a saved answer, compared by its question alone.
        await questions.EmbedAsync(source, ct);
        await bots.ForgetAsync(source.BotId);
        return source with { Chunks = embedded.Count };
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

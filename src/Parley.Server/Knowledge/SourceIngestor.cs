using Parley.Core.Knowledge;
using Parley.Server.Bots;

namespace Parley.Server.Knowledge;

/// <summary>Turns what a business gives (a text, a Q&amp;A pair) into a stored, indexed source.</summary>
public sealed class SourceIngestor(IKnowledgeStore store, BotCache bots, TimeProvider time)
{
    public async Task<Source> AddTextAsync(string botId, string title, string? url, string text, CancellationToken ct)
    {
        var source = NewSource(botId, SourceType.Text, title, url, text, question: null);
        var chunks = TextChunker.Split(title, url, text);
        await store.AddSourceAsync(source, chunks, ct);
        bots.Forget(botId);
        return source with { Chunks = chunks.Count };
    }

    /// <summary>A Q&amp;A pair is one passage: the question is its title, so it is found by the words visitors use.</summary>
    public async Task<Source> AddQaAsync(string botId, string question, string answer, CancellationToken ct)
    {
        var source = NewSource(botId, SourceType.Qa, question, url: null, answer, question);
        Chunk[] chunks = [new Chunk(0, question, null, null, answer)];
        await store.AddSourceAsync(source, chunks, ct);
        bots.Forget(botId);
        return source with { Chunks = chunks.Length };
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

using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge;

/// <summary>What the bot knows from one page: its passages in the page's order, each as the search indexes it.</summary>
public sealed record PassagesResponse(string SourceId, string? Url, string? Title, IReadOnlyList<PassageResponse> Passages)
{
    public static PassagesResponse From(string sourceId, string? url, string? title, IReadOnlyList<Chunk> chunks) =>
        new(sourceId, url, title, chunks.Select((c, i) => new PassageResponse(i + 1, c.Heading, c.Text, c.Url)).ToList());
}

/// <summary>One passage: its place in the page (from 1), the section heading it sits under, its text, and the link a citation of it gives.</summary>
public sealed record PassageResponse(int Order, string? Heading, string Text, string? Url);

namespace Parley.Core.Knowledge;

/// <summary>One piece of a bot's knowledge as the business added it: a text, a Q&amp;A pair, later a page or a document.</summary>
public sealed record Source
{
    public required string Id { get; init; }

    public required string BotId { get; init; }

    public required SourceType Type { get; init; }

    public required string Title { get; init; }

    public string? Url { get; init; }

    /// <summary>The text as given (for Q&amp;A: the answer), kept so the source can be re-indexed.</summary>
    public required string Content { get; init; }

    /// <summary>For Q&amp;A sources, the question the answer belongs to.</summary>
    public string? Question { get; init; }

    public SourceStatus Status { get; init; } = SourceStatus.Ready;

    public string? Error { get; init; }

    public int Chunks { get; init; }

    /// <summary>Pages fetched so far, for sources that fetch pages.</summary>
    public int Pages { get; init; }

    /// <summary>Pages this sync will fetch, once known (a sitemap's length; a crawl's frontier so far).</summary>
    public int? PagesTotal { get; init; }

    /// <summary>How a crawl may roam; null for other types.</summary>
    public CrawlSettings? Crawl { get; init; }

    /// <summary>Re-fetch the source this often; null means only on demand.</summary>
    public int? SyncIntervalSeconds { get; init; }

    public DateTimeOffset? LastSyncedAt { get; init; }

    /// <summary>For Q&amp;A sources, how many visitor questions its answer was given to verbatim (a saved answer).</summary>
    public int Hits { get; init; }

    /// <summary>For Q&amp;A sources, when its answer was last given verbatim; null if never.</summary>
    public DateTimeOffset? LastHitAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

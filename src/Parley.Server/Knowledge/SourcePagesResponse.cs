using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge;

/// <summary>A source's pages in URL order, how many it has of each status, and the cursor of the next page of the list.</summary>
public sealed record SourcePagesResponse(string SourceId, IReadOnlyList<SourcePageResponse> Pages, PageCounts Counts, string? NextCursor);

/// <summary>
/// One URL a sync met: <c>indexed</c>, <c>unchanged</c>, <c>skipped</c> or <c>failed</c>, the <c>reason</c> in words,
/// the passages the bot holds from it now, and when it was fetched (null when it was not: a link left out).
/// </summary>
public sealed record SourcePageResponse(string? Url, string? Title, string Status, string? Reason, int Chunks, DateTimeOffset? FetchedAt)
{
    public static SourcePageResponse From(PageVisit visit) =>
        new(visit.Url, visit.Title, visit.Status.ToString().ToLowerInvariant(), visit.Reason, visit.Chunks, visit.FetchedAt);
}

public sealed record PageCounts(int Indexed, int Unchanged, int Skipped, int Failed)
{
    public static PageCounts From(IReadOnlyDictionary<PageStatus, int> counts) => new(
        counts.GetValueOrDefault(PageStatus.Indexed),
        counts.GetValueOrDefault(PageStatus.Unchanged),
        counts.GetValueOrDefault(PageStatus.Skipped),
        counts.GetValueOrDefault(PageStatus.Failed));
}

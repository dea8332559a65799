namespace Parley.Core.Knowledge;

/// <summary>
/// What a sync did with one URL it met: its <see cref="Status"/>, and the <see cref="Reason"/> in words an owner
/// reads ("robots.txt disallows it", "HTTP 404 Not Found"). A URL the crawl decided not to fetch has no
/// <see cref="FetchedAt"/>. <see cref="Chunks"/> is filled when read: the passages the bot holds from the page now.
/// </summary>
public sealed record PageVisit(string Url, string? Title, PageStatus Status, string? Reason, DateTimeOffset? FetchedAt)
{
    public int Chunks { get; init; }
}

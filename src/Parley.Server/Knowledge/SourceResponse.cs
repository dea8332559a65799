using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge;

public sealed record SourceResponse(
    string Id,
    string BotId,
    string Type,
    string Title,
    string? Url,
    string? Question,
    string Status,
    string? Error,
    int Chunks,
    int Pages,
    int? PagesTotal,
    CrawlResponse? Crawl,
    int? SyncIntervalHours,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static SourceResponse From(Source s) => new(
        s.Id, s.BotId, s.Type.ToString().ToLowerInvariant(), s.Title, s.Url, s.Question,
        s.Status.ToString().ToLowerInvariant(), s.Error, s.Chunks, s.Pages, s.PagesTotal,
        s.Crawl is { } c ? new CrawlResponse(c.MaxPages, c.MaxDepth, c.Include, c.Exclude) : null,
        s.SyncIntervalSeconds / 3600, s.LastSyncedAt, s.CreatedAt, s.UpdatedAt);
}

public sealed record CrawlResponse(int MaxPages, int MaxDepth, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude);

using System.Text.Json.Serialization;
using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge;

/// <summary>
/// A source on the wire. <see cref="Text"/> (text sources) and <see cref="Answer"/> (Q&amp;A) come with a single
/// source, to edit it, and are left out of lists, which would otherwise carry every pasted text in full.
/// <see cref="Hits"/> and <see cref="LastHitAt"/> count a Q&amp;A source's answer given verbatim (a saved answer); other
/// types are never given verbatim and keep 0 and null.
/// </summary>
public sealed record SourceResponse(
    string Id,
    string BotId,
    string Type,
    string Title,
    string? Url,
    string? Question,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Answer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text,
    string Status,
    string? Error,
    int Chunks,
    int Pages,
    int? PagesTotal,
    CrawlResponse? Crawl,
    int? SyncIntervalHours,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset? NextSyncAt,
    int Hits,
    DateTimeOffset? LastHitAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The source as listed: without its text or answer.</summary>
    public static SourceResponse From(Source s) => new(
        s.Id, s.BotId, s.Type.ToString().ToLowerInvariant(), s.Title, s.Url, s.Question, null, null,
        s.Status.ToString().ToLowerInvariant(), s.Error, s.Chunks, s.Pages, s.PagesTotal,
        s.Crawl is { } c ? new CrawlResponse(c.MaxPages, c.MaxDepth, c.Include, c.Exclude) : null,
        s.SyncIntervalSeconds / 3600, s.LastSyncedAt,
        s is { SyncIntervalSeconds: { } interval, LastSyncedAt: { } last } ? last.AddSeconds(interval) : null,
        s.Hits, s.LastHitAt, s.CreatedAt, s.UpdatedAt);

    /// <summary>One source, with the text or answer an owner edits.</summary>
    public static SourceResponse Full(Source s) => From(s) with
    {
        Text = s.Type == SourceType.Text ? s.Content : null,
        Answer = s.Type == SourceType.Qa ? s.Content : null,
    };
}

public sealed record CrawlResponse(int MaxPages, int MaxDepth, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude);

namespace Parley.Server.Knowledge;

/// <summary>
/// The body that adds a source, for the OpenAPI document: <c>type</c> "text" with <c>title</c>, <c>url</c>
/// and <c>text</c>; "qa" with <c>question</c>, <c>answer</c> and <c>url</c>; "url" or "sitemap" with <c>url</c>; "crawl"
/// with <c>url</c>, <c>max_pages</c>, <c>max_depth</c>, <c>include</c> and <c>exclude</c>. Fetched sources may
/// set <c>sync_interval_hours</c> to be re-synced on that schedule.
/// </summary>
public sealed record SourceRequest(
    string Type,
    string? Title,
    string? Url,
    string? Text,
    string? Question,
    string? Answer,
    int? MaxPages,
    int? MaxDepth,
    IReadOnlyList<string>? Include,
    IReadOnlyList<string>? Exclude,
    int? SyncIntervalHours);

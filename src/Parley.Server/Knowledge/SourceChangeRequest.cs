namespace Parley.Server.Knowledge;

/// <summary>
/// The body that edits a source, for the OpenAPI document; every field is optional. Text sources take <c>title</c>,
/// <c>text</c> and <c>url</c>; Q&amp;A sources <c>question</c>, <c>answer</c> and <c>url</c>; file sources <c>title</c>;
/// url, sitemap and crawl sources <c>sync_interval_hours</c> (<c>null</c> stops the schedule).
/// </summary>
public sealed record SourceChangeRequest(
    string? Title,
    string? Url,
    string? Text,
    string? Question,
    string? Answer,
    int? SyncIntervalHours);

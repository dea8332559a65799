namespace Parley.Core.Knowledge;

/// <summary>
/// What the store remembers of a page it indexed, so a re-sync can ask the site "changed since?"
/// (<see cref="ETag"/>, <see cref="LastModified"/>) and skip re-indexing text whose hash has not moved.
/// </summary>
public sealed record FetchedPage(string Url, string Title, string ContentHash, string? ETag, string? LastModified);

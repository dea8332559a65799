namespace Parley.Server.Knowledge.Ingestion;

/// <summary>
/// The longest URL Parley fetches and stores, a source's own URL included. A site's longer links (session
/// blobs, tracking payloads) are not followed: every backend must be able to key a page by its URL, and a
/// PostgreSQL B-tree key holds at most about 2.7 kB.
/// </summary>
internal static class UrlLimit
{
    public const int MaxLength = 2_000;

    public static bool Fits(string url) => url.Length <= MaxLength;
}

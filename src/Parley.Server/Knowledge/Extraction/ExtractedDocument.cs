namespace Parley.Server.Knowledge.Extraction;

/// <summary>
/// A page or file as the chunker wants it: a title and Markdown text whose headings carry the anchor a
/// passage under them cites, as a trailing <c>{#id}</c> (<c>## Returns {#returns}</c>); a heading without
/// one has no element id to point at, and the chunker falls back to its slug.
/// </summary>
/// <param name="CanonicalUrl">The page's <c>&lt;link rel="canonical"&gt;</c>, absolute, without fragment.</param>
/// <param name="Links">
/// Absolute http(s) links of the whole page (navigation included, for the crawler), without fragments, in
/// order, once each; none when the page says <c>nofollow</c>, and none marked <c>rel="nofollow"</c>.
/// </param>
/// <param name="NoIndex">The page asks not to be indexed (<c>&lt;meta name="robots" content="noindex"&gt;</c>).</param>
/// <param name="NoFollow">The page asks that its links not be followed.</param>
public sealed record ExtractedDocument(
    ContentKind Kind,
    string Title,
    string Markdown,
    Uri? CanonicalUrl,
    IReadOnlyList<Uri> Links,
    bool NoIndex,
    bool NoFollow)
{
    /// <summary>A document that is text alone: no canonical URL, links or robots flags.</summary>
    internal static ExtractedDocument Of(ContentKind kind, string title, string markdown) =>
        new(kind, title, markdown, null, [], false, false);
}

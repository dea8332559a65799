using System.Text.RegularExpressions;

namespace Parley.Server.Knowledge.Ingestion;

/// <summary>
/// A crawl's include or exclude pattern, matched against a URL's path and query: <c>*</c> stays within one
/// path segment, <c>**</c> spans segments, <c>?</c> is one character. <c>/docs/**</c> takes the docs section.
/// </summary>
public sealed class UrlGlob
{
    private readonly Regex _regex;

    public UrlGlob(string pattern)
    {
        Pattern = pattern;
        var regex = Regex.Escape(pattern.Trim())
            .Replace(@"\*\*", "\u0001", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", ".", StringComparison.Ordinal)
            .Replace("\u0001", ".*", StringComparison.Ordinal);
        _regex = new Regex($"^{regex}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(50));
    }

    public string Pattern { get; }

    public bool Matches(Uri url) => _regex.IsMatch(url.PathAndQuery) || _regex.IsMatch(url.AbsolutePath);
}

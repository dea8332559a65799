namespace Parley.Bench.Eval;

/// <summary>How a citation is matched to a question's gold pages: by the last segment of its URL's path.</summary>
internal static class PageName
{
    /// <summary>
    /// <c>https://host/docs/sect.apt-get.html?x=1#sidebar</c> is <c>sect.apt-get.html</c>. A trailing slash is
    /// skipped, so <c>/docs/install/</c> is <c>install</c>; a URL without a path, or no URL, has no page name.
    /// </summary>
    public static string? Of(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return null;
        var end = url.IndexOfAny(['#', '?']);
        var path = (end < 0 ? url : url[..end]).TrimEnd('/');
        var authority = path.IndexOf("://", StringComparison.Ordinal);
        if (authority >= 0 && path.IndexOf('/', authority + 3) < 0)
            return null;
        var segment = path[(path.LastIndexOf('/') + 1)..];
        return segment.Length == 0 ? null : Uri.UnescapeDataString(segment);
    }
}

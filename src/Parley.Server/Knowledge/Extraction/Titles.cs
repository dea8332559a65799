namespace Parley.Server.Knowledge.Extraction;

/// <summary>Titles for documents that do not name one.</summary>
internal static class Titles
{
    private const int MaxLength = 80;

    /// <summary>The first line with text, without Markdown heading marks, shortened.</summary>
    public static string? FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim().TrimStart('#').Trim()).FirstOrDefault(l => l.Length > 0) is { } line ? Shorten(line) : null;

    public static string Shorten(string line)
    {
        line = Whitespace.Collapse(line);
        return line.Length <= MaxLength ? line : line[..MaxLength] + "…";
    }

    /// <summary>The last segment of a URL's path ("shipping"), else its host.</summary>
    public static string FromUrl(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri)
            return "Untitled";
        var last = url.Segments.LastOrDefault()?.Trim('/');
        return string.IsNullOrEmpty(last) ? url.Host : Uri.UnescapeDataString(last);
    }
}

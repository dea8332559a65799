using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Parley.Server.Knowledge.Extraction;

/// <summary>
/// Reads a web page: its main content as Markdown (the <c>&lt;main&gt;</c>, <c>[role=main]</c> or only
/// <c>&lt;article&gt;</c> if there is one, else the body, less boilerplate), title, canonical URL, links
/// for the crawler and the robots meta flags.
/// </summary>
public static class HtmlExtractor
{
    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " · ", " :: ", " : "];

    /// <param name="pageUrl">Where the page was found; relative links, the canonical URL and
    /// <c>&lt;base&gt;</c> are resolved against it. Without it only absolute links are kept.</param>
    public static ExtractedDocument Extract(string html, Uri? pageUrl)
    {
        using var document = new HtmlParser().ParseDocument(html);
        var baseUrl = BaseUrl(document, pageUrl);
        var (noIndex, noFollow) = RobotsMeta(document);
        var links = noFollow ? [] : Links(document, baseUrl);
        var canonical = document.QuerySelectorAll("link[rel][href]")
            .Where(l => HasToken(l.GetAttribute("rel"), "canonical"))
            .Select(l => Resolve(baseUrl, l.GetAttribute("href")))
            .FirstOrDefault(u => u is not null);

        var root = ContentRoot(document);
        var firstH1 = root?.QuerySelector("h1") ?? document.QuerySelector("h1");
        var h1 = firstH1 is null ? "" : Whitespace.Collapse(firstH1.TextContent);
        var markdown = "";
        if (root is not null)
        {
            HtmlBoilerplate.Remove(root);
            markdown = HtmlMarkdown.Write(root);
        }

        var title = Title(Whitespace.Collapse(document.Title ?? ""), h1, pageUrl);
        return new ExtractedDocument(ContentKind.Html, title, markdown, canonical, links, noIndex, noFollow);
    }

    private static IElement? ContentRoot(IDocument document)
    {
        if (document.QuerySelectorAll("main, [role=main]").FirstOrDefault(e => !HtmlBoilerplate.IsHidden(e)) is { } main)
            return main;
        var articles = document.QuerySelectorAll("article");
        return articles.Length == 1 ? articles[0] : document.Body ?? document.DocumentElement;
    }

    /// <summary>"Shipping | Acme Shop" on a page whose h1 is "Shipping" is titled "Shipping".</summary>
    private static string Title(string title, string h1, Uri? pageUrl)
    {
        if (title.Length == 0)
            return h1.Length > 0 ? h1 : Titles.FromUrl(pageUrl);
        if (h1.Length > 0)
        {
            foreach (var separator in TitleSeparators)
            {
                if (title.StartsWith(h1 + separator, StringComparison.OrdinalIgnoreCase) || title.EndsWith(separator + h1, StringComparison.OrdinalIgnoreCase))
                    return h1;
            }
        }

        return title;
    }

    private static (bool NoIndex, bool NoFollow) RobotsMeta(IDocument document)
    {
        var directives = document.QuerySelectorAll("meta[name][content]")
            .Where(m => m.GetAttribute("name")!.Trim().ToLowerInvariant() is "robots" or "parleybot")
            .SelectMany(m => m.GetAttribute("content")!.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(d => d.ToLowerInvariant())
            .ToHashSet();
        var none = directives.Contains("none");
        return (none || directives.Contains("noindex"), none || directives.Contains("nofollow"));
    }

    private static List<Uri> Links(IDocument document, Uri? baseUrl)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<Uri>();
        foreach (var anchor in document.QuerySelectorAll("a[href], area[href]"))
        {
            if (HasToken(anchor.GetAttribute("rel"), "nofollow"))
                continue;
            if (Resolve(baseUrl, anchor.GetAttribute("href")) is { } url && seen.Add(url.AbsoluteUri))
                links.Add(url);
        }

        return links;
    }

    private static Uri? BaseUrl(IDocument document, Uri? pageUrl) =>
        document.QuerySelector("base[href]") is { } element && Resolve(pageUrl, element.GetAttribute("href")) is { } declared
            ? declared
            : pageUrl;

    /// <summary>An absolute http(s) URL without fragment, or null.</summary>
    private static Uri? Resolve(Uri? baseUrl, string? href)
    {
        href = href?.Trim();
        if (string.IsNullOrEmpty(href))
            return null;
        // With a base, relative and absolute references both resolve; without, "/about" would read as a file path.
        if (!(baseUrl is not null ? Uri.TryCreate(baseUrl, href, out var url) : Uri.TryCreate(href, UriKind.Absolute, out url)))
            return null;
        if (url.Scheme is not ("http" or "https"))
            return null;
        return url.Fragment.Length == 0 ? url : new UriBuilder(url) { Fragment = "" }.Uri;
    }

    private static bool HasToken(string? list, string token) =>
        list is not null && list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(token, StringComparer.OrdinalIgnoreCase);
}

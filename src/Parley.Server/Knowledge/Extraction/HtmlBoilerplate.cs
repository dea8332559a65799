using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Parley.Server.Knowledge.Extraction;

/// <summary>
/// Removes what is on every page rather than this one: navigation, site header and footer, sidebars,
/// cookie banners, scripts, forms and hidden elements. Judged by tag, ARIA role, and the words of an
/// element's id, class and aria-label ("cookie-consent", "mainNav", "site_footer").
/// </summary>
internal static partial class HtmlBoilerplate
{
    private static readonly HashSet<string> Tags =
    [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "form", "button",
        "input", "select", "textarea", "dialog", "nav", "aside", "footer", "link", "meta",
    ];

    private static readonly HashSet<string> Roles =
        ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alertdialog"];

    /// <summary>Words that mark boilerplate wherever they appear in a name ("cookiebar", "sitefooter").</summary>
    private static readonly string[] Marks = ["cookie", "consent", "gdpr", "breadcrumb", "sidebar", "footer"];

    /// <summary>
    /// Words that mark boilerplate only on a block that is mostly links: a restaurant's "menu" section or a
    /// "hero-banner" with the page's title is content; a "main-menu" of links is not.
    /// </summary>
    private static readonly string[] LinkListMarks = ["menu", "banner"];

    public static void Remove(IElement root)
    {
        var rootText = root.TextContent.Length;
        foreach (var element in root.QuerySelectorAll("*").ToList())
        {
            if (root.Contains(element) && IsBoilerplate(element, rootText))
                element.Remove();
        }
    }

    public static bool IsHidden(IElement element) =>
        element.HasAttribute("hidden")
        || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)
        || HiddenStyle().IsMatch(element.GetAttribute("style") ?? "");

    private static bool IsBoilerplate(IElement element, int rootText)
    {
        var tag = element.LocalName;
        if (Tags.Contains(tag) || IsHidden(element))
            return true;
        if (tag == "header" && element.Closest("article, main, section, [role=main]") is null)
            return true;
        var role = element.GetAttribute("role")?.Trim().ToLowerInvariant();
        if (role is not null && Roles.Contains(role))
            return true;

        var words = Words(element);
        if (words.Count == 0 || HoldsTheContent(element, rootText))
            return false;
        return words.Exists(w => Marks.Any(m => w.Contains(m, StringComparison.Ordinal)) || IsNav(w))
            || (words.Exists(w => LinkListMarks.Any(m => w.Contains(m, StringComparison.Ordinal))) && LinkDensity(element) >= 0.5);
    }

    /// <summary>"nav", "navbar", "navigation", "mainnav", "subnav" — but not "canvas" or "unavailable".</summary>
    private static bool IsNav(string word) => word.StartsWith("nav", StringComparison.Ordinal) || word.EndsWith("nav", StringComparison.Ordinal);

    /// <summary>A wrapper named "page has-sidebar" that holds the page itself is not a sidebar.</summary>
    private static bool HoldsTheContent(IElement element, int rootText) =>
        element.QuerySelector("h1, main, article, [role=main]") is not null
        || (rootText > 0 && element.TextContent.Length > rootText * 0.6);

    private static double LinkDensity(IElement element)
    {
        var text = Whitespace.Collapse(element.TextContent).Length;
        if (text == 0)
            return 1;
        var linked = element.QuerySelectorAll("a").Sum(a => Whitespace.Collapse(a.TextContent).Length);
        return (double)linked / text;
    }

    /// <summary>The lower-case words of id, class and aria-label, split at punctuation and camelCase humps.</summary>
    private static List<string> Words(IElement element)
    {
        var names = $"{element.Id} {element.GetAttribute("class")} {element.GetAttribute("aria-label")}";
        return WordPattern().Matches(CamelHump().Replace(names, "$1 $2")).Select(m => m.Value.ToLowerInvariant()).ToList();
    }

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex CamelHump();

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();
}

using System.Collections.Frozen;
using System.Net;
using System.Text.RegularExpressions;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Reduces a line of Markdown (or stray HTML) to the words a reader sees: links and images keep their text,
/// emphasis and inline code lose their marks, heading anchors, footnote markers and tags go. What is left is
/// safe to quote as plain prose in an answer.
/// </summary>
public static partial class InlineMarkup
{
    public static string Strip(string text)
    {
        if (text.Length == 0)
            return text;
        // Inside inline code every character is meant: `Parley__Knowledge__X` keeps its underscores, `</body>` its tag.
        var spans = InlineCode().Split(text);
        for (var i = 0; i < spans.Length; i++)
            spans[i] = i % 2 == 1 ? spans[i] : StripProse(spans[i]);
        return Spaces().Replace(string.Concat(spans), " ").Trim();
    }

    /// <summary>
    /// The fragment as an answer quotes it, still Markdown: inline code, emphasis and web links stay; links to
    /// the site's own relative paths, images, heading anchors, footnote markers and raw tags outside code go.
    /// </summary>
    public static string ForAnswer(string text)
    {
        var parts = InlineCodeSpan().Split(text);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
                continue;
            var part = Image().Replace(parts[i], "$1");
            part = Link().Replace(part, m => IsWebLink(m.Value) ? m.Value : m.Groups[1].Value);
            part = Footnote().Replace(part, "");
            part = HeadingAnchor().Replace(part, "");
            part = Tag().Replace(part, DropTag);
            parts[i] = part;
        }

        return Spaces().Replace(string.Concat(parts), " ").Trim();
    }

    /// <summary>
    /// A tag goes, but not a placeholder written the same way: manuals write <c>--format=&lt;format&gt;</c> and
    /// <c>git show &lt;object&gt;</c>, and those words are the answer. A closing tag, a tag with attributes or a
    /// self-closed one is markup; a bare <c>&lt;word&gt;</c> is markup only when it names an element that formats text.
    /// </summary>
    private static string DropTag(Match tag)
    {
        var text = tag.Value;
        var isMarkup = text.StartsWith("</", StringComparison.Ordinal) || text.EndsWith("/>", StringComparison.Ordinal)
            || text.Contains(' ', StringComparison.Ordinal) || FormattingElements.Contains(text[1..^1]);
        return isMarkup ? " " : text;
    }

    private static readonly FrozenSet<string> FormattingElements = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "a", "abbr", "article", "aside", "b", "big", "blockquote", "body", "br", "caption", "center", "cite", "code", "dd",
        "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5",
        "h6", "head", "header", "hr", "html", "i", "iframe", "ins", "kbd", "li", "main", "mark", "nav", "noscript", "ol",
        "p", "pre", "q", "s", "samp", "script", "section", "small", "span", "strike", "strong", "style", "sub", "summary",
        "sup", "table", "tbody", "td", "th", "thead", "tr", "tt", "u", "ul", "wbr",
    ]);

    private static bool IsWebLink(string link) =>
        link.Contains("](http://", StringComparison.OrdinalIgnoreCase) || link.Contains("](https://", StringComparison.OrdinalIgnoreCase);

    private static string StripProse(string text)
    {
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = ReferenceLink().Replace(text, "$1");
        text = Footnote().Replace(text, "");
        text = HeadingAnchor().Replace(text, "");
        text = AutoLink().Replace(text, "");
        text = Tag().Replace(text, DropTag);
        text = Strong().Replace(text, "$1$2");
        text = Emphasis().Replace(text, "$1");
        text = Underscored().Replace(text, "$1");
        text = Struck().Replace(text, "$1");
        text = Escape().Replace(text, "$1");
        return WebUtility.HtmlDecode(text);
    }

    /// <summary>Whether the text still carries an address: a sentence built around one reads badly without it.</summary>
    public static bool HasAddress(string text) => Address().IsMatch(text);

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[([^\]^][^\]]*)\]\[[^\]]*\]")]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"\[\^?\d{1,3}\]")]
    private static partial Regex Footnote();

    [GeneratedRegex(@"\s*\{#[^}\s]*\}")]
    private static partial Regex HeadingAnchor();

    [GeneratedRegex(@"<(?:https?|mailto|ftp):[^>\s]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")]
    private static partial Regex Tag();

    // Split() keeps the captured code (odd indexes) without its backticks.
    [GeneratedRegex(@"`+([^`]+?)`+")]
    private static partial Regex InlineCode();

    // The same spans, captured with their backticks, for text that stays Markdown.
    [GeneratedRegex(@"(`+[^`]+?`+)")]
    private static partial Regex InlineCodeSpan();

    // As in CommonMark, underscores inside a word (snake_case, Parley__Knowledge__X) are no emphasis.
    [GeneratedRegex(@"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")]
    private static partial Regex Underscored();

    [GeneratedRegex(@"~~(?=\S)(.+?)(?<=\S)~~")]
    private static partial Regex Struck();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|>~])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?:https?|ftp)://|\bwww\.[a-z0-9-]+\.|\bmailto:", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Bench.Eval;

/// <summary>
/// The readable text of an HTML page, as Markdown that Parley's text chunker splits well: headings become <c>#</c>
/// headings, preformatted text a fenced block (so a <c># comment</c> in it is no heading), list items <c>- </c> lines and
/// other blocks paragraphs; the head, scripts, styles and <c>nav</c> elements are dropped. Enough for documentation
/// pages, which is all the eval's fallback needs.
/// </summary>
internal static partial class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "dl", "dt", "dd", "table", "tr",
        "blockquote", "figure", "figcaption", "hr", "form", "address", "caption", "details", "summary",
    };

    public static (string? Title, string Markdown) Convert(string html)
    {
        var title = TitleElement().Match(html) is { Success: true } match ? Collapse(WebUtility.HtmlDecode(StripTags(match.Groups[1].Value))).Trim() : null;
        var writer = new MarkdownWriter();
        var body = Hidden().Replace(html, " ");
        var at = 0;
        foreach (Match tag in Tag().Matches(body))
        {
            writer.Text(WebUtility.HtmlDecode(body[at..tag.Index]));
            at = tag.Index + tag.Length;
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            var closing = tag.Groups["close"].Success;
            if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6')
                writer.Heading(closing ? 0 : name[1] - '0');
            else if (name == "pre")
                writer.Preformatted(!closing);
            else if (name == "br")
                writer.LineBreak();
            else if (name == "li" && !closing)
                writer.ListItem();
            else if (name is "td" or "th")
                writer.Text(" ");
            else if (Blocks.Contains(name))
                writer.Paragraph();
        }

        writer.Text(WebUtility.HtmlDecode(body[at..]));
        return (string.IsNullOrEmpty(title) ? null : title, writer.ToString());
    }

    private static string StripTags(string html) => Tag().Replace(html, "");

    private static string Collapse(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"<title\b[^>]*>(.*?)</title\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TitleElement();

    [GeneratedRegex(@"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?\?>|<(head|script|style|noscript|template|svg|nav)\b[^>]*>.*?</\1\s*>",
        RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"<(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Collects text, opening a new paragraph only when text follows, so empty elements leave no blank lines.</summary>
    private sealed class MarkdownWriter
    {
        private readonly StringBuilder _markdown = new();
        private bool _paragraphPending;
        private bool _inHeading;
        private int _preDepth;

        public void Text(string text)
        {
            if (_preDepth > 0)
            {
                _markdown.Append(text);
                return;
            }

            text = Collapse(text);
            if (text.Trim().Length == 0)
            {
                if (text.Length > 0 && _markdown.Length > 0 && !_paragraphPending && _markdown[^1] is not (' ' or '\n'))
                    _markdown.Append(' ');
                return;
            }

            if (_paragraphPending)
            {
                StartBlock();
                text = text.TrimStart();
            }
            else if (_markdown.Length == 0 || _markdown[^1] is ' ' or '\n')
            {
                text = text.TrimStart();
            }

            _markdown.Append(text);
        }

        public void Paragraph()
        {
            if (_inHeading)
                Text(" ");
            else if (_preDepth == 0)
                _paragraphPending = true;
        }

        /// <summary>A level from 1 to 6 opens a heading; 0 closes it.</summary>
        public void Heading(int level)
        {
            if (level == 0)
            {
                _inHeading = false;
                _paragraphPending = true;
                return;
            }

            StartBlock();
            _markdown.Append('#', level).Append(' ');
            _inHeading = true;
        }

        public void Preformatted(bool opening)
        {
            if (opening && _preDepth++ == 0)
            {
                StartBlock();
                _markdown.Append("```\n");
            }
            else if (!opening && _preDepth > 0 && --_preDepth == 0)
            {
                TrimEnd();
                _markdown.Append("\n```");
                _paragraphPending = true;
            }
        }

        public void LineBreak()
        {
            if (_preDepth > 0)
                _markdown.Append('\n');
            else if (_inHeading)
                Text(" ");
            else
            {
                TrimEnd();
                _markdown.Append('\n');
            }
        }

        public void ListItem()
        {
            StartBlock();
            _markdown.Append("- ");
        }

        public override string ToString()
        {
            // A heading with no text (an anchor only) would read as a paragraph of hashes.
            var lines = _markdown.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length == 0 || l.Trim('#').Length > 0);
            return MultipleBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
        }

        private void StartBlock()
        {
            _paragraphPending = false;
            TrimEnd();
            if (_markdown.Length > 0)
                _markdown.Append("\n\n");
        }

        private void TrimEnd()
        {
            while (_markdown.Length > 0 && _markdown[^1] is ' ' or '\t')
                _markdown.Length--;
        }
    }

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex MultipleBlankLines();
}

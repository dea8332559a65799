using System.Text;
using AngleSharp.Dom;

namespace Parley.Server.Knowledge.Extraction;

/// <summary>
/// Writes the content of an element as Markdown: headings with their anchors, paragraphs, lists as
/// <c>- </c> (or numbered) items, tables as <c>cell | cell</c> rows, code blocks fenced, links as their text.
/// </summary>
internal sealed class HtmlMarkdown
{
    private static readonly HashSet<string> Blocks =
    [
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "header", "hr", "li", "main", "nav", "p", "section", "summary",
        "tbody", "td", "tfoot", "th", "thead", "tr",
    ];

    private readonly MarkdownWriter _writer = new();
    private readonly StringBuilder _line = new();
    private readonly IElement _root;

    private HtmlMarkdown(IElement root) => _root = root;

    public static string Write(IElement root)
    {
        var markdown = new HtmlMarkdown(root);
        markdown.Children(root);
        markdown.Flush();
        return markdown._writer.ToString();
    }

    private void Children(INode node)
    {
        foreach (var child in node.ChildNodes)
            Node(child);
    }

    private void Node(INode node)
    {
        if (node is IText text)
        {
            Inline(text.Data);
            return;
        }

        if (node is not IElement element)
            return;

        switch (element.LocalName)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                Flush();
                _writer.Heading(element.LocalName[1] - '0', element.TextContent, Anchor(element));
                break;
            case "ul" or "ol":
                Flush();
                var items = new List<string>();
                ListItems(element, 0, items);
                _writer.Lines(items);
                break;
            case "table" when !IsLayoutTable(element):
                Flush();
                _writer.Lines(TableRows(element));
                break;
            case "pre":
                Flush();
                _writer.Fence(element.TextContent, Language(element));
                break;
            case "br":
                _line.Append('\n');
                break;
            case "code" when element.Closest("pre") is null && !element.TextContent.Contains('`', StringComparison.Ordinal):
                Inline("`" + Whitespace.Collapse(element.TextContent) + "`");
                break;
            case "img":
                break;
            case var tag when Blocks.Contains(tag) || tag == "table":
                Flush();
                Children(element);
                Flush();
                break;
            default:
                Children(element);
                break;
        }
    }

    private void Inline(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (_line.Length > 0 && _line[^1] is not (' ' or '\n'))
                    _line.Append(' ');
            }
            else
            {
                _line.Append(c);
            }
        }
    }

    private void Flush()
    {
        if (_line.Length > 0)
            _writer.Paragraph(_line.ToString());
        _line.Clear();
    }

    private static void ListItems(IElement list, int depth, List<string> lines)
    {
        var number = 0;
        foreach (var item in list.Children.Where(c => c.LocalName == "li"))
        {
            var marker = list.LocalName == "ol" ? $"{++number}." : "-";
            var own = (IElement)item.Clone();
            foreach (var nested in own.QuerySelectorAll("ul, ol").ToList())
                nested.Remove();
            var text = Whitespace.Collapse(own.TextContent);
            if (text.Length > 0)
                lines.Add($"{new string(' ', depth * 2)}{marker} {text}");
            foreach (var nested in item.QuerySelectorAll("ul, ol").Where(n => n.ParentElement?.Closest("ul, ol") == list))
                ListItems(nested, depth + 1, lines);
        }
    }

    /// <summary>Sites that lay out pages with tables put paragraphs and headings in the cells: read those as blocks.</summary>
    private static bool IsLayoutTable(IElement table) =>
        table.QuerySelector("table, h1, h2, h3, h4, h5, h6, p, ul, ol, pre, div") is not null;

    private static IEnumerable<string> TableRows(IElement table)
    {
        if (table.QuerySelector("caption") is { } caption)
            yield return Whitespace.Collapse(caption.TextContent);
        foreach (var row in table.QuerySelectorAll("tr"))
        {
            var cells = row.Children.Where(c => c.LocalName is "td" or "th").Select(c => Whitespace.Collapse(c.TextContent));
            var line = string.Join(" | ", cells).Trim(' ', '|');
            if (line.Length > 0)
                yield return line;
        }
    }

    private static string? Language(IElement pre)
    {
        var classes = $"{pre.GetAttribute("class")} {pre.QuerySelector("code")?.GetAttribute("class")}";
        return classes.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.StartsWith("language-", StringComparison.Ordinal) ? c[9..] : c.StartsWith("lang-", StringComparison.Ordinal) ? c[5..] : null)
            .FirstOrDefault(l => !string.IsNullOrEmpty(l) && l.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '+' or '#'));
    }

    /// <summary>
    /// Where a link to this heading points: its own id; an anchor inside it or just before it; else the
    /// section it opens (a <c>&lt;section id&gt;</c> whose first heading it is).
    /// </summary>
    private string? Anchor(IElement heading)
    {
        if (!string.IsNullOrEmpty(heading.Id))
            return heading.Id;
        if (heading.QuerySelector("a[id], a[name]") is { } inner && IdOrName(inner) is { } own)
            return own;
        if (heading.PreviousElementSibling is { LocalName: "a" } before && Whitespace.Collapse(before.TextContent).Length == 0
            && IdOrName(before) is { } named)
            return named;

        for (var parent = heading.ParentElement; parent is not null && parent != _root; parent = parent.ParentElement)
        {
            if (!string.IsNullOrEmpty(parent.Id) && parent.QuerySelector("h1, h2, h3, h4, h5, h6") == heading)
                return parent.Id;
        }

        return null;
    }

    private static string? IdOrName(IElement anchor) =>
        !string.IsNullOrEmpty(anchor.Id) ? anchor.Id : anchor.GetAttribute("name") is { Length: > 0 } name ? name : null;
}

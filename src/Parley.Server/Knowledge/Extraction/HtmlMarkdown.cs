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

    // A definition list's term waiting for the first paragraph of its definition, which it opens.
    private string? _term;

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
                StartBlock();
                _writer.Heading(element.LocalName[1] - '0', element.TextContent, Anchor(element));
                break;
            case "ul" or "ol":
                StartBlock();
                var items = new List<string>();
                ListItems(element, 0, items);
                _writer.Lines(items);
                break;
            case "table" when !IsLayoutTable(element):
                StartBlock();
                _writer.Lines(TableRows(element));
                break;
            case "pre":
                StartBlock();
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
            case "dl":
                StartBlock();
                DefinitionList(element);
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
        {
            _writer.Paragraph(_term is null ? _line.ToString() : Defines(_term, _line.ToString().TrimStart()));
            _term = null;
        }

        _line.Clear();
    }

    /// <summary>Before a block that is no paragraph, a waiting term is written as the line that introduces it.</summary>
    private void StartBlock()
    {
        Flush();
        if (_term is not null)
            _writer.Paragraph(Defines(_term, ""));
        _term = null;
    }

    /// <summary>
    /// Manuals list options, settings and glossary entries as terms with definitions ("-n, --dry-run" then "Don't
    /// actually remove anything"). Each term is written at the start of its definition's first paragraph, so the
    /// option and what it does stay one sentence for search and answers alike.
    /// </summary>
    private void DefinitionList(IElement list)
    {
        var terms = new List<string>();
        foreach (var child in list.Children.SelectMany(c => c.LocalName == "div" ? c.Children : (IEnumerable<IElement>)[c]))
        {
            if (child.LocalName == "dt")
            {
                Children(child);
                if (Whitespace.Collapse(_line.ToString()) is { Length: > 0 } term)
                    terms.Add(term);
                _line.Clear();
            }
            else if (child.LocalName == "dd")
            {
                _term = terms.Count > 0 ? string.Join(", ", terms) : null;
                terms.Clear();
                Children(child);
                Flush();
                // An empty definition leaves its term on its own.
                if (_term is not null)
                    _writer.Paragraph(_term);
                _term = null;
            }
        }

        if (terms.Count > 0)
            _writer.Paragraph(string.Join(", ", terms));
    }

    /// <summary>"**term**: definition"; a term that is a sentence of its own ("Can I pay by card?") is followed by a space.</summary>
    private static string Defines(string term, string definition)
    {
        var bold = term.Contains('`', StringComparison.Ordinal) || term.Contains('*', StringComparison.Ordinal) ? term : $"**{term}**";
        var separator = term[^1] is '.' or '?' or '!' or ':' ? " " : ": ";
        return definition.Length == 0 ? (separator == " " ? bold : bold + ":") : bold + separator + definition;
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

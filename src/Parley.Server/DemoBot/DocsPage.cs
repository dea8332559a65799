using System.Net;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Parley.Server.Knowledge;

namespace Parley.Server.DemoBot;

/// <summary>
/// One page of Parley's documentation as a browser shows it. Headings carry the ids the demo bot's
/// citations point at (<see cref="TextChunker.Anchor"/>, computed from the same heading text), so a
/// citation such as <c>widget.md#how-do-i-embed-the-widget</c> opens at its section. Links between the
/// pages are relative and work as written; a link out of the docs folder (into the source tree, which the
/// server does not serve) keeps its text and loses its link. Raw HTML in the Markdown is shown as text.
/// </summary>
public static class DocsPage
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public static string Render(string name, string markdown)
    {
        markdown = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var document = Markdown.Parse(markdown, Pipeline);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var line = markdown.Substring(heading.Span.Start, heading.Span.Length).Split('\n')[0];
            var id = TextChunker.Anchor(heading.IsSetext ? line : line.TrimStart().TrimStart('#'));
            // A repeated heading gets -1, -2… as on GitHub; the first keeps the id citations use.
            var unique = id;
            for (var n = 1; !ids.Add(unique); n++)
                unique = $"{id}-{n}";
            heading.GetAttributes().Id = unique;
        }

        foreach (var link in document.Descendants<LinkInline>().Where(l => !l.IsImage && LeavesDocs(l.Url)).ToList())
            Unlink(link);

        foreach (var table in document.Descendants<Table>())
            AlignByClass(table);

        var title = ParleyDocs.TitleOf(name, markdown);
        return Layout(title, document.ToHtml(Pipeline), $"{WebUtility.HtmlEncode(name)}?raw");
    }

    /// <summary>
    /// A column's alignment (<c>|---:|</c>) as a class on its cells: Markdig writes it as a style attribute, which the
    /// page's Content-Security-Policy (<c>style-src 'self'</c>) refuses.
    /// </summary>
    private static void AlignByClass(Table table)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            foreach (var cell in row.OfType<TableCell>())
            {
                var column = cell.ColumnIndex >= 0 ? cell.ColumnIndex : row.IndexOf(cell);
                if (column < table.ColumnDefinitions.Count && table.ColumnDefinitions[column].Alignment is { } alignment)
                    cell.GetAttributes().AddClass($"align-{alignment.ToString().ToLowerInvariant()}");
            }
        }

        foreach (var column in table.ColumnDefinitions)
            column.Alignment = null;
    }

    /// <summary>The list of pages, at <c>/docs/</c>.</summary>
    public static string Index(IEnumerable<(string Name, string Title)> pages)
    {
        var items = string.Concat(pages.Select(p =>
            $"<li><a href=\"{WebUtility.HtmlEncode(p.Name)}\">{WebUtility.HtmlEncode(p.Title)}</a></li>\n"));
        return Layout("Parley documentation", $"<h1>Parley documentation</h1>\n<ul class=\"pages\">\n{items}</ul>\n", rawHref: null);
    }

    private static string Layout(string title, string body, string? rawHref) =>
        $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)} · Parley</title>
        <link rel="stylesheet" href="docs.css">
        <link rel="icon" href="../playground/favicon.svg" type="image/svg+xml">
        </head>
        <body>
        <header><a href="./">Parley documentation</a></header>
        <main>
        {body}</main>
        {(rawHref is null ? "" : $"<footer><a href=\"{rawHref}\">This page as Markdown</a></footer>\n")}</body>
        </html>

        """;

    /// <summary>A relative link that climbs out of the docs folder: <c>../bench/README.md</c>.</summary>
    private static bool LeavesDocs(string? url) =>
        url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _) && !url.StartsWith('#')
        && new Uri(new Uri("http://docs.invalid/docs/"), url).AbsolutePath is var path
        && !path.StartsWith("/docs/", StringComparison.Ordinal);

    private static void Unlink(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }
}

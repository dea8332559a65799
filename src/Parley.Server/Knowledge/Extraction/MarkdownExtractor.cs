using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Parley.Server.Knowledge.Extraction;

/// <summary>
/// Keeps Markdown as it is, with two changes the chunker needs: YAML front matter goes (its <c>title</c>
/// becomes the title), and underlined (setext) headings become <c>#</c> headings. The title is otherwise
/// the first heading.
/// </summary>
public static partial class MarkdownExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    public static ExtractedDocument Extract(string markdown, Uri? url, string? fallbackTitle)
    {
        markdown = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var document = Markdown.Parse(markdown, Pipeline);
        var text = new StringBuilder(markdown);
        string? frontMatterTitle = null;

        // Edits from the end, so the spans of earlier blocks stay valid.
        foreach (var block in document.Descendants().OfType<Block>().Where(b => b is YamlFrontMatterBlock or HeadingBlock { IsSetext: true }).Reverse())
        {
            var end = Math.Min(block.Span.End + 1, text.Length);
            if (block is YamlFrontMatterBlock front)
            {
                frontMatterTitle = FrontMatterTitle(front);
                text.Remove(block.Span.Start, end - block.Span.Start);
            }
            else if (block is HeadingBlock heading)
            {
                text.Remove(block.Span.Start, end - block.Span.Start);
                text.Insert(block.Span.Start, $"{new string('#', heading.Level)} {InlineText(heading.Inline)}");
            }
        }

        var firstHeading = document.Descendants<HeadingBlock>()
            .Select(h => ExplicitAnchor().Replace(InlineText(h.Inline), ""))
            .FirstOrDefault(t => t.Length > 0);
        var links = document.Descendants<LinkInline>()
            .Where(l => !l.IsImage && l.Url is not null)
            .Select(l => url is not null && Uri.TryCreate(url, l.Url, out var u) ? u : Uri.TryCreate(l.Url, UriKind.Absolute, out u) ? u : null)
            .OfType<Uri>()
            .Where(u => u.Scheme is "http" or "https")
            .Select(u => u.Fragment.Length == 0 ? u : new UriBuilder(u) { Fragment = "" }.Uri)
            .DistinctBy(u => u.AbsoluteUri)
            .ToList();

        var body = text.ToString().Trim();
        var title = frontMatterTitle ?? firstHeading ?? Titles.FirstLine(body) ?? fallbackTitle ?? "Untitled";
        return new ExtractedDocument(ContentKind.Markdown, title, body, null, links, false, false);
    }

    [GeneratedRegex(@"\s*\{#[^\s{}]+\}$")]
    private static partial Regex ExplicitAnchor();

    private static string? FrontMatterTitle(YamlFrontMatterBlock front)
    {
        foreach (var line in front.Lines.Lines.Take(front.Lines.Count))
        {
            var value = line.Slice.ToString();
            if (value.StartsWith("title:", StringComparison.OrdinalIgnoreCase))
                return value[6..].Trim().Trim('"', '\'') is { Length: > 0 } title ? title : null;
        }

        return null;
    }

    private static string InlineText(ContainerInline? container)
    {
        var text = new StringBuilder();
        Append(container);
        return Whitespace.Collapse(text.ToString());

        void Append(Inline? inline)
        {
            for (; inline is not null; inline = inline.NextSibling)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        text.Append(literal.Content);
                        break;
                    case CodeInline code:
                        text.Append(code.Content);
                        break;
                    case LineBreakInline:
                        text.Append(' ');
                        break;
                    case ContainerInline nested:
                        Append(nested.FirstChild);
                        break;
                }
            }
        }
    }
}

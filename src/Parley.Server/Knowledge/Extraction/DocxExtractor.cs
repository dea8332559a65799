using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Parley.Server.Knowledge.Extraction;

/// <summary>
/// Reads a Word document: paragraphs in order, Heading 1–6 (and styles based on them, or with an outline
/// level) as Markdown headings, numbered and bulleted paragraphs as list items, tables as rows.
/// </summary>
public static class DocxExtractor
{
    /// <summary>A DOCX is a zip: this bounds what one part may unpack to.</summary>
    private const long MaxCharactersInPart = 64L * 1024 * 1024;

    public static ExtractedDocument Extract(byte[] docx, string? fallbackTitle)
    {
        using var stream = new MemoryStream(docx, writable: false);
        using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        var main = document.MainDocumentPart;
        var styles = (main?.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
            .Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!)
            .ToDictionary(g => g.Key, g => g.First());

        var reader = new Reader(styles);
        if (main?.Document?.Body is { } body)
            reader.Blocks(body);
        reader.FlushList();

        var title = document.PackageProperties.Title?.Trim() is { Length: > 0 } declared ? declared
            : reader.Title ?? reader.FirstHeading ?? (reader.FirstLine is { } line ? Titles.Shorten(line) : fallbackTitle ?? "Untitled");
        return ExtractedDocument.Of(ContentKind.Docx, title, reader.Writer.ToString());
    }

    private sealed class Reader(Dictionary<string, Style> styles)
    {
        private readonly List<string> _list = [];

        public MarkdownWriter Writer { get; } = new();

        public string? Title { get; private set; }

        public string? FirstHeading { get; private set; }

        public string? FirstLine { get; private set; }

        public void Blocks(OpenXmlElement container)
        {
            foreach (var element in container.ChildElements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        Paragraph(paragraph);
                        break;
                    case Table table:
                        FlushList();
                        Writer.Lines(table.Elements<TableRow>().Select(row =>
                            string.Join(" | ", row.Elements<TableCell>().Select(cell => string.Join(" ", cell.Elements<Paragraph>().Select(Text).Where(t => t.Length > 0))))
                                .Trim(' ', '|')));
                        break;
                    case SdtBlock content:
                        Blocks(content.SdtContentBlock ?? (OpenXmlElement)content);
                        break;
                }
            }
        }

        public void FlushList()
        {
            Writer.Lines(_list);
            _list.Clear();
        }

        private void Paragraph(Paragraph paragraph)
        {
            var text = Text(paragraph);
            if (text.Length == 0)
                return;
            FirstLine ??= text;

            var properties = paragraph.ParagraphProperties;
            var styleId = properties?.ParagraphStyleId?.Val?.Value;
            if (IsTitle(styleId))
            {
                FlushList();
                Title ??= text;
                Writer.Heading(1, text, null);
            }
            else if (HeadingLevel(styleId, properties?.OutlineLevel?.Val?.Value) is { } level)
            {
                FlushList();
                FirstHeading ??= text;
                Writer.Heading(level, text, null);
            }
            else if (properties?.NumberingProperties is { } numbering)
            {
                var depth = numbering.NumberingLevelReference?.Val?.Value ?? 0;
                _list.Add($"{new string(' ', Math.Clamp(depth, 0, 8) * 2)}- {text}");
            }
            else
            {
                FlushList();
                Writer.Paragraph(text);
            }
        }

        private bool IsTitle(string? styleId) =>
            styleId is not null && styles.TryGetValue(styleId, out var style)
                ? string.Equals(style.StyleName?.Val?.Value, "Title", StringComparison.OrdinalIgnoreCase)
                : string.Equals(styleId, "Title", StringComparison.OrdinalIgnoreCase);

        /// <summary>Built-in style names stay English ("heading 2") in every language of Word; ids do not.</summary>
        private int? HeadingLevel(string? styleId, int? outlineLevel)
        {
            if (outlineLevel is >= 0 and < 6)
                return outlineLevel + 1;
            for (var depth = 0; styleId is not null && depth < 10; depth++)
            {
                if (!styles.TryGetValue(styleId, out var style))
                    return LevelOf(styleId);
                if (LevelOf(style.StyleName?.Val?.Value) is { } level)
                    return level;
                if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is >= 0 and < 6 and var styled)
                    return styled + 1;
                styleId = style.BasedOn?.Val?.Value;
            }

            return null;
        }

        private static int? LevelOf(string? name)
        {
            var compact = name?.Replace(" ", "", StringComparison.Ordinal);
            return compact is { Length: 8 } && compact.StartsWith("heading", StringComparison.OrdinalIgnoreCase) && compact[7] is >= '1' and <= '6'
                ? compact[7] - '0'
                : null;
        }

        private static string Text(Paragraph paragraph)
        {
            var text = new System.Text.StringBuilder();
            foreach (var element in paragraph.Descendants())
            {
                switch (element)
                {
                    case Text run:
                        text.Append(run.Text);
                        break;
                    case TabChar or Break or CarriageReturn:
                        text.Append(' ');
                        break;
                }
            }

            return Whitespace.Collapse(text.ToString());
        }
    }
}

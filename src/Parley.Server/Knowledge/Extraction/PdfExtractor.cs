using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Parley.Server.Knowledge.Extraction;

/// <summary>
/// Reads a PDF's text page by page. Each page is a section headed "Page N" with the anchor <c>page=N</c>,
/// so a passage cites <c>file.pdf#page=N</c>, which browsers' PDF viewers open at that page.
/// </summary>
public static class PdfExtractor
{
    public static ExtractedDocument Extract(byte[] pdf, string? fallbackTitle)
    {
        using var document = PdfDocument.Open(pdf);
        var writer = new MarkdownWriter();
        string? firstLine = null;
        foreach (var page in document.GetPages())
        {
            var text = ContentOrderTextExtractor.GetText(page, new ContentOrderTextExtractor.Options { SeparateParagraphsWithDoubleNewline = true });
            if (string.IsNullOrWhiteSpace(text))
                continue;
            firstLine ??= text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            writer.Heading(2, $"Page {page.Number}", $"page={page.Number}");
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
                writer.Paragraph(paragraph);
        }

        var title = document.Information.Title?.Trim() is { Length: > 0 } declared ? declared
            : firstLine is not null ? Titles.Shorten(firstLine)
            : fallbackTitle ?? "Untitled";
        return ExtractedDocument.Of(ContentKind.Pdf, title, writer.ToString());
    }
}

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Parley.Server.Tests.Knowledge.Extraction;

/// <summary>Real PDF and DOCX files, made in memory with the same libraries that read them.</summary>
public static class SampleFiles
{
    /// <summary>A PDF with one page per entry, each line of a page written 20 points below the last.</summary>
    public static byte[] Pdf(string? title, params string[][] pages)
    {
        using var builder = new PdfDocumentBuilder();
        if (title is not null)
            builder.DocumentInformation.Title = title;
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var y = 780.0;
            foreach (var line in lines)
            {
                page.AddText(line, 12, new PdfPoint(50, y), font);
                y -= 20;
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// A Word document of (style id, text) paragraphs; "List" makes a bulleted item, a string[][] a table.
    /// Its styles are Word's: "Heading1" named "heading 1"…, "Title", and "berschrift2", a German Word's
    /// id for the built-in "heading 2".
    /// </summary>
    public static byte[] Docx(string? title, params object[] blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            if (title is not null)
                document.PackageProperties.Title = title;
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                Style("Title", "Title"),
                Style("Heading1", "heading 1"),
                Style("Heading2", "heading 2"),
                Style("berschrift2", "heading 2"),
                Style("ListParagraph", "List Paragraph"));
            var body = new Body();
            foreach (var block in blocks)
            {
                body.Append(block switch
                {
                    (string style, string text) => Paragraph(style, text),
                    string[][] rows => Table(rows),
                    string text => Paragraph(null, text),
                    _ => throw new ArgumentException($"No block for {block}."),
                });
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Style Style(string id, string name) =>
        new(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };

    private static Paragraph Paragraph(string? style, string text)
    {
        var properties = new ParagraphProperties();
        if (style == "List")
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = "ListParagraph" };
            properties.NumberingProperties = new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 });
        }
        else if (style is not null)
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = style };
        }

        return new Paragraph(properties, new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static Table Table(string[][] rows) =>
        new(rows.Select(row => new TableRow(row.Select(cell => new TableCell(new Paragraph(new Run(new Text(cell))))))));
}

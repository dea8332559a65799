using System.Text;
using Parley.Server.Knowledge.Extraction;
using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Tests.Knowledge.Extraction;

public sealed class ContentExtractorTests
{
    private static readonly Uri GuideUrl = new("https://shop.example/files/warranty.pdf");

    [Fact]
    public void Extract_Pdf_ReadsTextPageByPageUnderPageAnchors()
    {
        var pdf = SampleFiles.Pdf("Warranty terms",
            ["Warranty terms", "Every product has a two year warranty."],
            ["Claims are handled within 14 days."]);

        var result = ContentExtractor.Extract(pdf, "application/pdf", GuideUrl);

        Assert.Equal(ExtractionStatus.Extracted, result.Status);
        var document = result.Document!;
        Assert.Equal(ContentKind.Pdf, document.Kind);
        Assert.Equal("Warranty terms", document.Title);
        Assert.Equal("""
            ## Page 1 {#page=1}

            Warranty terms
            Every product has a two year warranty.

            ## Page 2 {#page=2}

            Claims are handled within 14 days.
            """.ReplaceLineEndings("\n"), document.Markdown);
    }

    [Fact]
    public void Extract_PdfWithoutTitle_IsTitledByItsFirstLine()
    {
        var pdf = SampleFiles.Pdf(null, ["Price list 2025", "Coffee 3 euros"]);

        var result = ContentExtractor.Extract(pdf, "application/octet-stream", fileName: "prices.pdf");

        Assert.Equal("Price list 2025", result.Document!.Title);
    }

    [Fact]
    public void Extract_PdfWithoutText_IsEmpty()
    {
        var result = ContentExtractor.Extract(SampleFiles.Pdf(null, []), "application/pdf", fileName: "scan.pdf");

        Assert.Equal(ExtractionStatus.Empty, result.Status);
        Assert.Equal("scan", result.Document!.Title);
    }

    [Fact]
    public void Extract_Docx_MapsHeadingStylesListsAndTables()
    {
        var docx = SampleFiles.Docx(null,
            ("Title", "Employee handbook"),
            "Welcome to the team.",
            ("Heading1", "Holidays"),
            "Everyone has 30 days of paid leave.",
            ("List", "Ask your manager first."),
            ("List", "Book them in the HR tool."),
            ("berschrift2", "Public holidays"),
            new[] { new[] { "Date", "Holiday" }, new[] { "1 May", "Labour Day" } });

        var result = ContentExtractor.Extract(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        var document = result.Document!;
        Assert.Equal(ContentKind.Docx, document.Kind);
        Assert.Equal("Employee handbook", document.Title);
        Assert.Equal("""
            # Employee handbook

            Welcome to the team.

            # Holidays

            Everyone has 30 days of paid leave.

            - Ask your manager first.
            - Book them in the HR tool.

            ## Public holidays

            Date | Holiday
            1 May | Labour Day
            """.ReplaceLineEndings("\n"), document.Markdown);
    }

    [Fact]
    public void Extract_DocxWithDocumentTitle_PrefersIt()
    {
        var docx = SampleFiles.Docx("Handbook 2025", ("Heading1", "Holidays"), "Thirty days.");

        var result = ContentExtractor.Extract(docx, null, fileName: "handbook.docx");

        Assert.Equal("Handbook 2025", result.Document!.Title);
    }

    [Fact]
    public void Extract_Markdown_KeepsItDropsFrontMatterAndTurnsUnderlinedHeadingsIntoHashes()
    {
        const string markdown = """
            ---
            title: "Getting started"
            layout: docs
            ---
            Install
            =======

            Run `parley` and open the [Playground](/playground#top).

            Configure
            ---------

            ## Keys {#keys}

            Set `Parley:Admin:Key`.
            """;

        var result = ContentExtractor.Extract(Encoding.UTF8.GetBytes(markdown), "text/markdown; charset=utf-8", new Uri("https://docs.example/start.md"));

        var document = result.Document!;
        Assert.Equal(ContentKind.Markdown, document.Kind);
        Assert.Equal("Getting started", document.Title);
        Assert.Equal("""
            # Install

            Run `parley` and open the [Playground](/playground#top).

            ## Configure

            ## Keys {#keys}

            Set `Parley:Admin:Key`.
            """.ReplaceLineEndings("\n"), document.Markdown);
        Assert.Equal([new Uri("https://docs.example/playground")], document.Links);
    }

    [Fact]
    public void Extract_MarkdownWithoutFrontMatter_IsTitledByItsFirstHeading()
    {
        var result = ContentExtractor.Extract("Intro line.\n\n# Returns {#returns}\n\nThirty days."u8.ToArray(), "text/plain", new Uri("https://docs.example/returns.md"));

        Assert.Equal(ContentKind.Markdown, result.Document!.Kind);
        Assert.Equal("Returns", result.Document.Title);
    }

    [Fact]
    public void Extract_PlainText_IsTitledByItsFirstLine()
    {
        var result = ContentExtractor.Extract("Opening hours\n\nMonday to Friday, 9 to 5."u8.ToArray(), "text/plain; charset=utf-8");

        Assert.Equal(ContentKind.PlainText, result.Document!.Kind);
        Assert.Equal("Opening hours", result.Document.Title);
        Assert.Equal("Opening hours\n\nMonday to Friday, 9 to 5.", result.Document.Markdown);
    }

    [Fact]
    public void Extract_HtmlWithoutContentType_IsRecognisedByItsStart()
    {
        var result = ContentExtractor.Extract(Encoding.UTF8.GetBytes(SamplePages.Shipping), contentType: null, fileName: "shipping");

        Assert.Equal(ContentKind.Html, result.Document!.Kind);
        Assert.Equal("Shipping and returns", result.Document.Title);
    }

    [Fact]
    public void Extract_FetchedPage_UsesItsCharsetAndUrl()
    {
        var fetched = new FetchResult
        {
            Status = FetchStatus.Ok,
            FinalUrl = new Uri("https://cafe.example/menu"),
            MediaType = "text/html",
            Charset = "iso-8859-1",
            Body = Encoding.Latin1.GetBytes("<title>Carte</title><main><h2 id='boissons'>Boissons</h2><p>Café crème</p><a href='vins'>Vins</a></main>"),
        };

        var document = ContentExtractor.Extract(fetched).Document!;

        Assert.Equal("## Boissons {#boissons}\n\nCafé crème\n\nVins", document.Markdown);
        Assert.Equal([new Uri("https://cafe.example/vins")], document.Links);
    }

    [Theory]
    [InlineData("image/png", "photo.png")]
    [InlineData("application/zip", "site.zip")]
    [InlineData("application/octet-stream", "archive.7z")]
    [InlineData("text/css", "site.css")]
    public void Extract_UnsupportedType_SaysSo(string contentType, string fileName)
    {
        var result = ContentExtractor.Extract([0x89, 0x50, 0x4E, 0x47, 0x00], contentType, fileName: fileName);

        Assert.Equal(ExtractionStatus.Unsupported, result.Status);
        Assert.Null(result.Document);
        Assert.Contains("not a supported type", result.Error);
    }

    [Fact]
    public void Extract_DamagedPdf_Fails()
    {
        var result = ContentExtractor.Extract("%PDF-1.7 this is not really a PDF"u8.ToArray(), "application/pdf");

        Assert.Equal(ExtractionStatus.Failed, result.Status);
        Assert.StartsWith("The Pdf file could not be read", result.Error);
    }

    [Fact]
    public void Extract_DamagedDocx_Fails()
    {
        var result = ContentExtractor.Extract("PK not a zip"u8.ToArray(), null, fileName: "broken.docx");

        Assert.Equal(ExtractionStatus.Failed, result.Status);
    }

    [Fact]
    public void Extract_PageWithoutText_IsEmpty()
    {
        var result = ContentExtractor.Extract("<html><body><nav><a href='/'>Home</a></nav></body></html>"u8.ToArray(), "text/html", new Uri("https://shop.example/empty"));

        Assert.Equal(ExtractionStatus.Empty, result.Status);
        Assert.Single(result.Document!.Links);
    }
}

using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Extraction;

namespace Parley.Server.Tests.Knowledge.Extraction;

public sealed class HtmlExtractorTests
{
    private static ExtractedDocument Shipping() => HtmlExtractor.Extract(SamplePages.Shipping, SamplePages.ShippingUrl);

    [Fact]
    public void Extract_RealisticPage_KeepsTheMainContentAsMarkdown()
    {
        Assert.Equal(SamplePages.ShippingMarkdown.ReplaceLineEndings("\n"), Shipping().Markdown);
    }

    [Theory]
    [InlineData("Main navigation")]
    [InlineData("Shop")]
    [InlineData("cookies")]
    [InlineData("Accept all")]
    [InlineData("Skip to content")]
    [InlineData("Home")]
    [InlineData("SCRIPT_TEXT")]
    [InlineData("color: red")]
    [InlineData("Hidden draft text")]
    [InlineData("Invisible text")]
    [InlineData("Subscribe")]
    [InlineData("Related")]
    [InlineData("© 2025")]
    [InlineData("Imprint")]
    public void Extract_RealisticPage_LeavesOutBoilerplate(string text)
    {
        Assert.DoesNotContain(text, Shipping().Markdown);
    }

    [Fact]
    public void Extract_TitleWithSiteNameSuffix_IsTheHeadingOfThePage()
    {
        Assert.Equal("Shipping and returns", Shipping().Title);
    }

    [Theory]
    [InlineData("<title>Acme Shop – Returns</title><h1>Returns</h1>", "Returns")]
    [InlineData("<title>Returns policy</title><h1>Returns</h1>", "Returns policy")]
    [InlineData("<h1>Returns <small>2025</small></h1>", "Returns 2025")]
    [InlineData("<p>No title at all</p>", "shipping")]
    public void Extract_Title_FromTitleElementElseFirstHeading(string html, string title)
    {
        Assert.Equal(title, HtmlExtractor.Extract(html, SamplePages.ShippingUrl).Title);
    }

    [Fact]
    public void Extract_CanonicalLink_IsResolvedAgainstThePage()
    {
        Assert.Equal(new Uri("https://shop.example/help/shipping"), Shipping().CanonicalUrl);
    }

    [Fact]
    public void Extract_Links_AreAbsoluteWithoutFragmentsOnceEachAndHttpOnly()
    {
        var links = Shipping().Links.Select(l => l.ToString()).ToList();

        Assert.Equal(
        [
            "https://shop.example/help/shipping?ref=footer",
            "https://shop.example/",
            "https://shop.example/shop",
            "https://shop.example/help/faq",
            "https://shop.example/about",
            "https://shop.example/help",
            "https://shop.example/warehouse",
            "https://shop.example/help/payment",
            "https://shop.example/imprint",
        ], links);
    }

    [Fact]
    public void Extract_BaseElement_ResolvesRelativeLinks()
    {
        var document = HtmlExtractor.Extract("""<base href="https://docs.example/v2/"><a href="install">Install</a>""", SamplePages.ShippingUrl);

        Assert.Equal([new Uri("https://docs.example/v2/install")], document.Links);
    }

    [Fact]
    public void Extract_NoPageUrl_KeepsOnlyAbsoluteLinks()
    {
        var document = HtmlExtractor.Extract("""<a href="/about">About</a><a href="https://shop.example/faq">FAQ</a>""", pageUrl: null);

        Assert.Equal([new Uri("https://shop.example/faq")], document.Links);
    }

    [Theory]
    [InlineData("noindex", true, false)]
    [InlineData("noindex, nofollow", true, true)]
    [InlineData("NOFOLLOW", false, true)]
    [InlineData("none", true, true)]
    [InlineData("index, follow", false, false)]
    public void Extract_RobotsMeta_SetsTheFlags(string content, bool noIndex, bool noFollow)
    {
        var document = HtmlExtractor.Extract($"""<meta name="robots" content="{content}"><p>Text</p><a href="/next">Next</a>""", SamplePages.ShippingUrl);

        Assert.Equal(noIndex, document.NoIndex);
        Assert.Equal(noFollow, document.NoFollow);
        Assert.Equal(noFollow ? 0 : 1, document.Links.Count);
    }

    [Fact]
    public void Extract_PageWithoutMain_KeepsBodyContentLessBoilerplate()
    {
        var document = HtmlExtractor.Extract(SamplePages.Restaurant, new Uri("https://roma.example/"));

        Assert.Equal("""
            # Trattoria Roma

            Fresh pasta since 1982.

            ## Our menu {#menu}

            - Spaghetti carbonara – 12 €
            - Pizza margherita – 10 €

            Open Tuesday to Sunday, 12–15 and 18–23.
            """.ReplaceLineEndings("\n"), document.Markdown);
        Assert.Equal("Trattoria Roma", document.Title);
    }

    [Theory]
    [InlineData("<h2 id='hours'>Hours</h2><p>9 to 5</p>", "## Hours {#hours}")]
    [InlineData("<h2><a name='hours'></a>Hours</h2><p>9 to 5</p>", "## Hours {#hours}")]
    [InlineData("<a id='hours'></a><h2>Hours</h2><p>9 to 5</p>", "## Hours {#hours}")]
    [InlineData("<section id='hours'><div><h2>Hours</h2></div><p>9 to 5</p></section>", "## Hours {#hours}")]
    [InlineData("<section id='info'><h2>Address</h2><h2>Hours</h2><p>9 to 5</p></section>", "## Hours")]
    [InlineData("<h2 id='has space'>Hours</h2><p>9 to 5</p>", "## Hours")]
    public void Extract_HeadingAnchor_FromItsIdAnAnchorOrTheSectionItOpens(string html, string heading)
    {
        var markdown = HtmlExtractor.Extract($"<main>{html}</main>", null).Markdown;

        Assert.Contains(heading + "\n\n9 to 5", markdown);
    }

    [Fact]
    public void Extract_LayoutTable_IsReadAsBlocks()
    {
        var document = HtmlExtractor.Extract("<table><tr><td><h2 id='a'>About</h2><p>We are a family business.</p></td></tr></table>", null);

        Assert.Equal("## About {#a}\n\nWe are a family business.", document.Markdown);
    }

    [Fact]
    public void Extract_TextThatLooksLikeAHeading_IsEscaped()
    {
        var document = HtmlExtractor.Extract("<main><p># of items per order: 10</p></main>", null);

        Assert.Equal("\\# of items per order: 10", document.Markdown);
    }

    [Fact]
    public void Split_ExtractedPage_CitesEachSectionByItsElementAnchor()
    {
        var page = Shipping();

        var chunks = TextChunker.Split(page.Title, page.CanonicalUrl!.ToString(), page.Markdown);

        Assert.Equal(
        [
            ("Shipping and returns", "https://shop.example/help/shipping#top"),
            ("Delivery times", "https://shop.example/help/shipping#delivery-times"),
            ("Returns", "https://shop.example/help/shipping#returns"),
            ("Refunds", "https://shop.example/help/shipping#refunds"),
            ("Exchanges", "https://shop.example/help/shipping#exchanges"),
            ("Tracking API", "https://shop.example/help/shipping#tracking-api"),
        ], chunks.Select(c => (c.Heading, c.Url)));
        Assert.Contains("# prints the status", chunks[^1].Text);
    }
}

using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Parley.Server.DemoBot;
using Parley.Server.Knowledge;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.DemoBot;

/// <summary>
/// Parley's documentation at <c>/docs/</c>, where the demo bot's citations link: readable HTML pages whose
/// headings carry the anchors the citations use, links between pages that land, the Markdown for whoever asks.
/// </summary>
public sealed class DocsPagesTests : ParleyTest
{
    [Fact]
    public async Task The_widget_page_is_html_with_the_heading_the_demo_bot_cites()
    {
        using var http = App.NewHttpClient();

        using var response = await http.GetAsync("/docs/widget.md");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await ParseAsync(response);
        var heading = page.GetElementById("how-do-i-embed-the-widget");
        Assert.NotNull(heading);
        Assert.Equal("H2", heading.TagName);
        Assert.Equal("How do I embed the widget?", heading.TextContent);
        Assert.Equal("Chat widget · Parley", page.Title);
        Assert.Contains("<script src=\"https://HOST/widget.js\"", page.QuerySelector("pre code")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_section_a_citation_can_point_at_is_a_heading_id_on_its_page()
    {
        using var http = App.NewHttpClient();

        foreach (var name in ParleyDocs.Names)
        {
            var markdown = ParleyDocs.Read(name)!;
            var ids = (await ParseAsync(await http.GetAsync($"/docs/{name}"))).QuerySelectorAll("[id]").Select(e => e.Id).ToHashSet();
            // The demo bot stores each page exactly so; its passages' URLs are the citations' links.
            var anchors = TextChunker.Split(ParleyDocs.TitleOf(name, markdown), $"{App.BaseAddress}docs/{name}", markdown)
                .Select(c => new Uri(c.Url!).Fragment.TrimStart('#'))
                .Where(f => f.Length > 0)
                .Distinct();

            Assert.All(anchors, anchor => Assert.True(ids.Contains(anchor), $"{name} has no element with id '{anchor}'."));
        }
    }

    [Fact]
    public async Task Every_link_between_pages_opens_a_page_and_lands_on_its_anchor()
    {
        using var http = App.NewHttpClient();
        var pages = new Dictionary<string, IHtmlDocument>();
        foreach (var name in ParleyDocs.Names)
            pages[name] = await ParseAsync(await http.GetAsync($"/docs/{name}"));

        var broken = new List<string>();
        foreach (var (name, page) in pages)
        {
            foreach (var href in page.QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")!).Where(h => !h.StartsWith("http", StringComparison.Ordinal)))
            {
                var target = new Uri(new Uri(App.BaseAddress, $"/docs/{name}"), href);
                var targetName = target.AbsolutePath.StartsWith("/docs/", StringComparison.Ordinal) ? target.AbsolutePath["/docs/".Length..] : null;
                if (targetName is null || !pages.TryGetValue(targetName, out var targetPage))
                    broken.Add($"{name}: {href} is not a documentation page");
                else if (target.Fragment.Length > 1 && targetPage.GetElementById(target.Fragment[1..]) is null)
                    broken.Add($"{name}: {href} has no such heading");
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public async Task The_markdown_is_there_for_whoever_asks_for_it()
    {
        using var http = App.NewHttpClient();
        var source = ParleyDocs.Read("widget.md");

        using var raw = await http.GetAsync("/docs/widget.md?raw");
        using var accepting = new HttpRequestMessage(HttpMethod.Get, "/docs/widget.md");
        accepting.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        using var negotiated = await http.SendAsync(accepting);

        Assert.Equal("text/markdown", raw.Content.Headers.ContentType?.MediaType);
        Assert.Equal(source, await raw.Content.ReadAsStringAsync());
        Assert.Equal("text/markdown", negotiated.Content.Headers.ContentType?.MediaType);
        Assert.Equal(source, await negotiated.Content.ReadAsStringAsync());
        Assert.Contains("Accept", negotiated.Headers.Vary);
    }

    [Fact]
    public async Task The_docs_folder_lists_every_page()
    {
        using var http = App.NewHttpClient();

        using var index = await http.GetAsync("/docs/");

        var links = (await ParseAsync(index)).QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(ParleyDocs.Names.Order(), links.Order());
        Assert.Equal("getting-started.md", links[0]);
    }

    [Fact]
    public async Task An_unknown_page_is_not_found()
    {
        using var http = App.NewHttpClient();

        using var response = await http.GetAsync("/docs/secrets.md");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }
}

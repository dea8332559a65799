using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>Adding a website takes its address as an owner types it, and the crawl's placeholders are the server's real defaults.</summary>
public sealed class CrawlFormDefaultsTests : BrowserTest
{
    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Theory]
    [InlineData(1280, 860)]
    [InlineData(390, 844)]
    public async Task A_site_typed_without_https_gets_it_and_the_crawl_limits_show_the_real_defaults(int width, int height)
    {
        var botId = await Admin.CreateBotAsync(new { name = "Site bot" });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/knowledge", new ViewportSize { Width = width, Height = height });

        await page.GetByRole(AriaRole.Radio, new() { Name = "Crawl a site" }).ClickAsync();
        // The server crawls 500 pages, 5 links deep, when the source does not say (SourceEndpoints.cs, docs/knowledge.md).
        await Expect(page.GetByLabel("Max pages")).ToHaveAttributeAsync("placeholder", "500");
        await Expect(page.GetByLabel("Max depth")).ToHaveAttributeAsync("placeholder", "5");
        var start = page.GetByLabel("Start page");
        await start.FillAsync("www.acme.example");
        await start.BlurAsync();

        await Expect(start).ToHaveValueAsync("https://www.acme.example");
        await Expect(page.GetByText("Added https:// in front. Change it to http:// if the site has no HTTPS.")).ToBeVisibleAsync();
        await ScreenshotAsync(page, $"knowledge-crawl-https-offer-{width}");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Web page" }).ClickAsync();
        await page.GetByLabel("Page address").FillAsync("https://shop.example/help");
        await page.GetByLabel("Page address").BlurAsync();
        await Expect(page.GetByLabel("Page address")).ToHaveValueAsync("https://shop.example/help");
        await Expect(page.GetByText("Added https:// in front.")).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_site_typed_without_https_is_added_by_clicking_Add_source_straight_from_the_field()
    {
        var botId = await Admin.CreateBotAsync(new { name = "Site bot" });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/knowledge");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Web page" }).ClickAsync();
        await page.GetByLabel("Page address").FillAsync("www.acme.example/about");

        // The click itself leaves the field: the note it adds must not move the button away from under the pointer.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();

        await Expect(page.Locator("tr[data-source-id]")).ToHaveCountAsync(1);
        var sources = await Admin.GetAsync($"/v1/bots/{botId}/sources");
        Assert.Equal("https://www.acme.example/about", sources[0].GetProperty("url").GetString());
        AssertNoPageErrors();
    }
}

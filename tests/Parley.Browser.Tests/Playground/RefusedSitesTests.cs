using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>
/// A site of the owner's that the allowed domains forgot: the widget there draws nothing, the Embed tab lists the
/// site as refused, and allowing it there makes the widget work on the site's next page load.
/// </summary>
public sealed class RefusedSitesTests : BrowserTest
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task A_refused_site_is_listed_in_the_embed_tab_and_allowing_it_makes_the_widget_work_there_on_the_next_load()
    {
        ExpectedConsoleErrors.Add("403");
        var botId = await Admin.CreateKnowledgeableBotAsync(new { name = "Shop helper", allowed_domains = new[] { "shop.test" } });
        var forgotten = $"www.shop.test:{Site.Port}";
        var shop = await OpenAsync("about:blank");
        var url = Site.Publish("/help.html", TestSite.ShopPage(WidgetSnippet(botId)), host: "www.shop.test");
        await shop.RunAndWaitForConsoleMessageAsync(() => shop.GotoAsync(url), new()
        {
            Predicate = m => m.Type == "warning" && m.Text.Contains(forgotten, StringComparison.Ordinal),
        });
        await Expect(shop.Locator("parley-chat")).ToHaveCountAsync(0);

        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/embed");
        var refused = page.Locator($"[data-refused='{forgotten}']");
        await Expect(refused).ToContainTextAsync($"Refused: {forgotten} — add it?");
        await Expect(refused).ToContainTextAsync("Once, last");
        await ScreenshotAsync(page, "embed-refused-sites", fullPage: true);
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.WaitForTimeoutAsync(400);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width, "the Embed tab should fit a phone");
        await ScreenshotAsync(page, "embed-refused-sites-phone", fullPage: true);
        await page.SetViewportSizeAsync(1280, 860);

        await refused.GetByRole(AriaRole.Button, new() { Name = $"Allow {forgotten}" }).ClickAsync();

        await Expect(page.GetByText("No other site has tried to use this bot.")).ToBeVisibleAsync();
        await Expect(page.GetByText($"The widget answers only on: shop.test, {forgotten}.")).ToBeVisibleAsync();
        var domains = (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("allowed_domains").EnumerateArray().Select(d => d.GetString());
        Assert.Equal(["shop.test", forgotten], domains);

        await shop.ReloadAsync();
        var widget = await new WidgetOnPage(shop).LoadedAsync();
        await Expect(widget.Host).ToHaveAttributeAsync("data-state", "ready");
        await widget.OpenAsync();
        var answer = await widget.AskAsync("Can I return an item?");
        await Expect(answer).ToContainTextAsync("30 days");
        AssertNoPageErrors();
    }
}

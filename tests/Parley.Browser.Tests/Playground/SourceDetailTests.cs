using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>
/// An owner opens a source on the Knowledge tab: sees what the crawl did with each page and why, reads what the bot
/// knows from a page, edits a pasted text and finds the chat answering from the new version; on a desktop and a phone.
/// </summary>
public sealed class SourceDetailTests : BrowserTest
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private FakeSite _site = null!;

    protected override void Configure(ParleyApp app) => app.With("Parley:Knowledge:AllowPrivateNetworks", "true");

    public override async Task InitializeAsync()
    {
        _site = await FakeSite.StartAsync();
        _site.Page("/", FakeSite.Html("Kettle Co", "<p>Kettle Co sells kettles and toasters online.</p>",
            "/help/descaling", "/private/staff-notes", "/logo.png", "/help/old-manual"));
        _site.Page("/help/descaling", FakeSite.Html("Descaling",
            """
            <h2 id="vinegar">Descaling with vinegar</h2><p>Fill the kettle with equal parts white vinegar and water, boil it, and leave it for an hour before rinsing twice.</p>
            <h2 id="citric">Descaling with citric acid</h2><p>Two spoons of citric acid in a full kettle dissolve the scale in ten minutes.</p>
            """));
        _site.Page("/private/staff-notes", FakeSite.Html("Staff notes", "<p>Internal.</p>"));
        _site.Page("/logo.png", "\u0089PNG\r\n\u001a\n", "image/png");
        _site.Page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task An_owner_reads_a_crawl_page_by_page_and_edits_a_text_that_the_chat_then_answers_from()
    {
        var (botId, crawlId, textId) = await SeedAsync();
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/knowledge");

        // The crawl opens from its title: each page with its status and the reason.
        await page.Locator($"tr[data-source-id='{crawlId}'] a.source-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pages" })).ToBeVisibleAsync();
        await Expect(Row(page, "/help/descaling").Locator("[data-page-status]")).ToHaveAttributeAsync("data-page-status", "indexed");
        await Expect(Row(page, "/private/staff-notes").Locator("[data-page-status]")).ToHaveAttributeAsync("data-page-status", "skipped");
        await Expect(Row(page, "/private/staff-notes")).ToContainTextAsync("robots.txt disallows it.");
        await Expect(Row(page, "/logo.png")).ToContainTextAsync("Not HTML, PDF, DOCX, Markdown or plain text (image/png).");
        await Expect(Row(page, "/help/old-manual").Locator("[data-page-status]")).ToHaveAttributeAsync("data-page-status", "failed");
        await Expect(Row(page, "/help/old-manual")).ToContainTextAsync("HTTP 404");
        await ScreenshotAsync(page, "sources-01-pages-1280", fullPage: true);

        // Only the failed ones, then all again.
        await page.Locator("[data-filter=failed]").ClickAsync();
        await Expect(page.Locator("tr[data-page-url]")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-page-url]")).ToContainTextAsync("HTTP 404");
        await Expect(page.Locator("[data-filter=failed]")).ToHaveAttributeAsync("aria-checked", "true");
        await ScreenshotAsync(page, "sources-02-failed-filter-1280");
        await page.Locator("[data-filter=all]").ClickAsync();
        await Expect(page.Locator("tr[data-page-url]")).ToHaveCountAsync(5);

        // What the bot knows from the descaling page: its two passages, in order.
        await Row(page, "/help/descaling").ClickAsync();
        var passages = page.Locator(".passages .passage-list > li");
        await Expect(passages).ToHaveCountAsync(2);
        await Expect(passages.Nth(0)).ToContainTextAsync("Descaling with vinegar");
        await Expect(passages.Nth(0)).ToContainTextAsync("white vinegar and water");
        await Expect(passages.Nth(1)).ToContainTextAsync("citric acid");
        await ScreenshotAsync(page, "sources-03-passages-1280", fullPage: true);
        await Row(page, "/logo.png").ClickAsync();
        await Expect(page.Locator("[data-no-passages]")).ToContainTextAsync("The bot holds nothing from this page.");

        // The re-sync schedule: shown, then set to every day.
        await Expect(page.Locator(".schedule-note")).ToHaveTextAsync("Synced only when you ask.");
        await page.GetByLabel("Re-sync every (hours)").FillAsync("24");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save schedule" }).ClickAsync();
        await Expect(page.Locator(".schedule-note")).ToContainTextAsync("Every 24 hours. Next sync");
        Assert.Equal(24, (await Admin.GetAsync($"/v1/bots/{botId}/sources/{crawlId}")).GetProperty("sync_interval_hours").GetInt32());
        await ScreenshotAsync(page, "sources-04-schedule-1280");

        // The pasted text, edited in place.
        await page.GetByRole(AriaRole.Link, new() { Name = "← All sources" }).ClickAsync();
        await page.Locator($"tr[data-source-id='{textId}'] a.source-link").ClickAsync();
        var text = page.GetByLabel("Text", new() { Exact = true });
        await Expect(text).ToHaveValueAsync("Our shop in Lyon is open from 9 am to 5 pm on weekdays.");
        await Expect(page.Locator(".passages .passage-list > li")).ToContainTextAsync("9 am to 5 pm");
        await text.FillAsync("Our shop in Lyon is open from 10 am to 7 pm, Tuesday to Saturday.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Saved: the bot answers from the new version");
        await Expect(page.Locator(".passages .passage-list > li")).ToContainTextAsync("10 am to 7 pm");
        await ScreenshotAsync(page, "sources-05-edit-text-1280", fullPage: true);

        // The chat answers from the new text.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Chat" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("When is the Lyon shop open?");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).PressAsync("Enter");
        var answer = page.Locator(".chat-log .bubble.assistant").Last;
        await Expect(answer).ToContainTextAsync("10 am to 7 pm");
        await Expect(answer).Not.ToContainTextAsync("9 am to 5 pm");
        await ScreenshotAsync(page, "sources-06-chat-after-edit-1280");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task On_a_phone_a_source_s_pages_passages_and_edit_form_fit_the_screen()
    {
        var (botId, crawlId, textId) = await SeedAsync();
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/knowledge?source={crawlId}", Phone);

        await Expect(Row(page, "/logo.png")).ToContainTextAsync("image/png");
        await AssertFitsAsync(page, "the pages of a crawl");
        await ScreenshotAsync(page, "sources-07-pages-390", fullPage: true);

        await Row(page, "/help/descaling").ClickAsync();
        await Expect(page.Locator(".passages .passage-list > li")).ToHaveCountAsync(2);
        // Below the pages on a phone, the passages are brought into view, whole when they fit.
        await page.WaitForFunctionAsync(
            "() => { const box = document.querySelector('.passages').getBoundingClientRect(); return box.top >= -1 && box.bottom <= innerHeight + 1; }");
        await AssertFitsAsync(page, "a page's passages");
        await ScreenshotAsync(page, "sources-08-passages-390");
        await page.GetByRole(AriaRole.Button, new() { Name = "Back to the pages" }).ClickAsync();
        await Expect(Row(page, "/help/descaling")).ToBeFocusedAsync();

        await page.GotoAsync(new Uri(App.BaseAddress, $"/playground#/bots/{botId}/knowledge?source={textId}").ToString());
        await Expect(page.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync("Our shop in Lyon is open from 9 am to 5 pm on weekdays.");
        await AssertFitsAsync(page, "the edit form of a text");
        await ScreenshotAsync(page, "sources-09-edit-text-390", fullPage: true);

        await page.GotoAsync(new Uri(App.BaseAddress, $"/playground#/bots/{botId}/knowledge").ToString());
        await Expect(page.Locator("tr[data-source-id]")).ToHaveCountAsync(2);
        await AssertFitsAsync(page, "the list of sources");
        await ScreenshotAsync(page, "sources-10-list-390", fullPage: true);
        AssertNoPageErrors();
    }

    private async Task<(string BotId, string CrawlId, string TextId)> SeedAsync()
    {
        var botId = await Admin.CreateBotAsync(new { name = "Kettle helper" });
        var textId = await Admin.AddTextAsync(botId, "Opening hours", "Our shop in Lyon is open from 9 am to 5 pm on weekdays.", "https://kettle.example/hours");
        var crawlId = await Admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/"), max_pages = 20, max_depth = 2 });
        await Admin.WaitForSyncAsync(botId, crawlId);
        return (botId, crawlId, textId);
    }

    private ILocator Row(IPage page, string path) => page.Locator($"tr[data-page-url='{_site.Url(path)}']");

    private static async Task AssertFitsAsync(IPage page, string screen)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{screen} is {width}px wide on a 390px phone");
    }
}

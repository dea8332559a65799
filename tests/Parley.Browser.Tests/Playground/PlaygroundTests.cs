using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

public sealed class PlaygroundTests : BrowserTest
{
    [Fact]
    public async Task A_business_creates_a_bot_feeds_it_chats_with_it_and_embeds_it_on_its_site()
    {
        await Admin.PostAsync("/v1/workspaces", new { name = "Acme Shop", credits = 500 });
        await Browser.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = App.BaseAddress.ToString().TrimEnd('/') });
        var page = await SignInAsync();

        // A workspace without bots starts at the new-bot form.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create a bot" })).ToBeVisibleAsync();
        await page.GetByLabel("Name").FillAsync("Shop assistant");
        await page.GetByLabel("Welcome message").FillAsync("Hello! Ask me about **refunds**.");
        await ScreenshotAsync(page, "playground-02-new-bot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create bot" }).ClickAsync();

        // Knowledge: paste a text, watch it become ready.
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Knowledge" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Text" })).ToHaveAttributeAsync("aria-checked", "true");
        await page.GetByLabel("Title").FillAsync(SampleKnowledge.Refunds.Title);
        await page.GetByLabel("Link (optional)").FillAsync(SampleKnowledge.Refunds.Url);
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync(SampleKnowledge.Refunds.Text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        var row = page.Locator("tr[data-source-id]", new() { HasText = "Refund policy" });
        await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await Expect(row).ToContainTextAsync("chunk");
        await ScreenshotAsync(page, "playground-03-knowledge", fullPage: true);

        // Settings: every setting on one form; restrict the bot to the shop's site and theme its widget.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("Allowed domains").FillAsync("shop.test");
        await page.GetByLabel("Suggested questions").FillAsync("How long do refunds take?\nCan I return a used item?");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Acme help");
        await page.GetByLabel("Colour").FillAsync("#be185d");
        await ScreenshotAsync(page, "playground-04-settings");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Widget appearance" }).ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "playground-04b-settings-appearance");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");
        var botId = Regex.Match(page.Url, "#/bots/([^/]+)/").Groups[1].Value;
        var saved = await Admin.GetAsync($"/v1/bots/{botId}");
        Assert.Equal("shop.test", saved.GetProperty("allowed_domains")[0].GetString());
        Assert.Equal("#be185d", saved.GetProperty("widget").GetProperty("color").GetString());
        Assert.Equal(2, saved.GetProperty("suggested_questions").GetArrayLength());

        // Chat: the tabs follow the keyboard (arrows move between them); the answer streams in with its source.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Knowledge" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Chat" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Chat" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("How long do refunds take?");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).PressAsync("Enter");
        var answer = page.Locator(".chat-log .bubble.assistant").Last;
        await Expect(answer.Locator(".citations a")).ToHaveTextAsync("Refund policy");
        await Expect(answer).ToContainTextAsync("5 business days");
        await ScreenshotAsync(page, "playground-05-chat");

        // Embed: the bot id, the snippet and a curl, each with a copy button.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Embed" }).ClickAsync();
        await Expect(page.Locator("[data-copy=bot-id]")).ToHaveTextAsync(botId);
        await Expect(page.Locator("[data-copy=curl]")).ToContainTextAsync("/v1/public/chat/stream");
        var snippet = await page.Locator("[data-copy=snippet]").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy Widget snippet" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Widget snippet copied to the clipboard");
        Assert.Equal(snippet, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await ScreenshotAsync(page, "playground-06-embed");

        // The copied snippet, pasted into the shop's page, brings the bot there.
        var shop = await OpenAsync(Site.Publish("/index.html", TestSite.ShopPage(snippet)));
        var widget = await new WidgetOnPage(shop).LoadedAsync();
        await widget.OpenAsync();
        await Expect(shop.Locator("parley-chat .title")).ToHaveTextAsync("Acme help");
        var widgetAnswer = await widget.AskAsync("How long do refunds take?");
        await Expect(widgetAnswer.Locator(".sources a")).ToHaveTextAsync("Refund policy");
        await widgetAnswer.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true }).ClickAsync();
        await Expect(widgetAnswer.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await ScreenshotAsync(shop, "widget-10-embedded-from-playground-snippet");

        // Conversations: the visitor's chat, its sources and the thumbs up.
        await page.GetByRole(AriaRole.Link, new() { Name = "Conversations" }).ClickAsync();
        var visitorRow = page.Locator("tr[data-conversation-id]", new() { HasText = "1 helpful" });
        await visitorRow.ClickAsync();
        await Expect(page.Locator(".transcript [data-feedback=up]")).ToBeVisibleAsync();
        await Expect(page.Locator(".transcript .citations a")).ToHaveTextAsync("Refund policy");
        await ScreenshotAsync(page, "playground-07-conversations");

        // The log filters by date, in the browser's own calendar.
        var tomorrow = DateTime.Now.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("From").FillAsync(tomorrow);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No conversations" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear dates" }).ClickAsync();
        await Expect(page.Locator("tr[data-conversation-id]")).ToHaveCountAsync(1);
        // The owner's own chat in the Playground is not a visitor's: it shows when asked for, marked.
        await page.GetByLabel("Include my Playground chats").CheckAsync();
        await Expect(page.Locator("tr[data-conversation-id]")).ToHaveCountAsync(2);
        await Expect(page.Locator("tr[data-conversation-id] [data-channel=playground]")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Workspaces & keys" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Shop" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "playground-08-workspaces", fullPage: true);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Every_source_type_can_be_added_and_removed_and_a_bot_deleted()
    {
        // The refused crawl address is answered with a 400, which the browser logs; the form shows it on the field.
        ExpectedConsoleErrors.Add("status of 400");
        var workspaceId = await Admin.CreateWorkspaceAsync();
        await Admin.CreateBotAsync(new { name = "Docs bot" }, workspaceId);
        var page = await SignInAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Knowledge" }).ClickAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Q&A" }).ClickAsync();
        await page.GetByLabel("Question").FillAsync("Do you ship abroad?");
        await page.GetByLabel("Answer").FillAsync("Yes, to every EU country.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        await Expect(page.Locator("tr[data-source-id]", new() { HasText = "Do you ship abroad?" }).Locator("[data-status]"))
            .ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });

        // A page that does not exist fails, visibly, with the reason.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Web page" }).ClickAsync();
        await page.GetByLabel("Page address").FillAsync(Site.Url("127.0.0.1", "/missing.html"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        var failed = page.Locator("tr[data-source-id]", new() { HasText = "missing.html" });
        await Expect(failed.Locator("[data-status]")).ToHaveAttributeAsync("data-status", new Regex("failed|ready"), new() { Timeout = 60_000 });

        // A bad address is refused on the field that is wrong.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Crawl a site" }).ClickAsync();
        await page.GetByLabel("Start page").FillAsync("not a url");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        await Expect(page.Locator(".field-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Start page")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Upload a file" }).ClickAsync();
        await page.GetByLabel("Document").SetInputFilesAsync(new FilePayload
        {
            Name = "returns.md",
            MimeType = "text/markdown",
            Buffer = "# Returns\n\nReturns are free within 30 days of delivery."u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        var upload = page.Locator("tr[data-source-id]", new() { HasText = "Returns" });
        await Expect(upload.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await ScreenshotAsync(page, "playground-09-knowledge-types", fullPage: true);

        await upload.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Remove") }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(upload).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete bot" }).ClickAsync();
        await ScreenshotAsync(page, "playground-10-delete-bot");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete bot" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create a bot" })).ToBeVisibleAsync();
        Assert.Equal(0, (await Admin.GetAsync($"/v1/bots?workspace_id={workspaceId}")).GetArrayLength());
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_a_workspace_key_sees_only_its_workspace()
    {
        ExpectedConsoleErrors.Add("401");
        var mine = await Admin.CreateWorkspaceAsync();
        await Admin.CreateBotAsync(new { name = "Mine" }, mine);
        await Admin.CreateBotAsync(new { name = "Theirs" }, await Admin.CreateWorkspaceAsync());
        var key = (await Admin.PostAsync($"/v1/workspaces/{mine}/api_keys", new { })).GetProperty("key").GetString()!;

        var page = await OpenAsync(new Uri(App.BaseAddress, "/playground").ToString());
        await page.GetByLabel("API key").FillAsync("parley_wrong_key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That key was not accepted");
        await ScreenshotAsync(page, "playground-01-sign-in-refused");

        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByLabel("API key").PressAsync("Enter");
        await Expect(page.Locator(".sidebar")).ToBeVisibleAsync();
        await Expect(page.Locator("ul[aria-label=Bots] a")).ToHaveTextAsync(["Mine"]);
        Assert.Equal(key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('parley.playground.key')"));
        // On a phone the sidebar folds away behind a menu button.
        await page.SetViewportSizeAsync(390, 800);
        await page.ReloadAsync();
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        await Expect(menu).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page should not scroll sideways on a phone");
        await ScreenshotAsync(page, "playground-11-phone");
        await menu.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Conversations" })).ToBeInViewportAsync();
        await page.WaitForTimeoutAsync(300);
        await ScreenshotAsync(page, "playground-12-phone-menu");
        await page.Keyboard.PressAsync("Escape");
        await Expect(menu).ToBeFocusedAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        AssertNoPageErrors();
    }

    private async Task<IPage> SignInAsync()
    {
        var page = await OpenAsync(new Uri(App.BaseAddress, "/playground").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the Playground" })).ToBeVisibleAsync();
        await page.GetByLabel("API key").FillAsync(ParleyApp.AdminKey);
        await ScreenshotAsync(page, "playground-01-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator(".sidebar")).ToBeVisibleAsync();
        return page;
    }
}

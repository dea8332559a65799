using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Widget;

public sealed class WidgetTests : BrowserTest
{
    private string _botId = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _botId = await Admin.CreateKnowledgeableBotAsync(new
        {
            name = "Acme helper",
            allowed_domains = new[] { "shop.test" },
            welcome_message = "Hi! I can help with **orders**, shipping and refunds.",
            suggested_questions = new[] { "How long do refunds take?", "Do you ship abroad?" },
            widget = new { color = "#0f766e", title = "Acme support" },
        });
        foreach (var source in (await Admin.GetAsync($"/v1/bots/{_botId}/sources")).EnumerateArray())
            await Admin.WaitForSyncAsync(_botId, source.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task The_widget_on_an_allowed_site_answers_with_streamed_text_and_citations()
    {
        var page = await OpenAsync(Site.Publish("/help.html", TestSite.ShopPage(WidgetSnippet(_botId))));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await Expect(widget.Launcher).ToHaveAttributeAsync("aria-expanded", "false");
        await widget.OpenAsync();

        await Expect(page.Locator("parley-chat .title")).ToHaveTextAsync("Acme support");
        await Expect(page.Locator("parley-chat .welcome strong")).ToHaveTextAsync("orders");
        await Expect(page.Locator("parley-chat .suggestions button")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "widget-01-open-with-welcome");

        // The suggested question is sent as it is, and the answer comes from the knowledge, with its source linked.
        await page.Locator("parley-chat .suggestions button", new() { HasText = "refunds" }).ClickAsync();
        await Expect(page.Locator("parley-chat .feedback")).ToHaveCountAsync(1);
        await Expect(widget.LastAnswer).ToContainTextAsync("5 business days");
        var source = widget.LastAnswer.Locator(".sources a", new() { HasText = "Refund policy" });
        await Expect(source).ToHaveAttributeAsync("href", new Regex("^https://shop\\.example\\.com/help/refunds(#[a-z-]+)?$"));
        await Expect(source).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        await Expect(page.Locator("parley-chat .message.user")).ToHaveTextAsync("How long do refunds take?");
        await ScreenshotAsync(page, "widget-02-answer-with-sources");

        // The host page's hostile CSS (orange text, hidden inputs, pink buttons) stays outside the shadow root.
        var inputDisplay = await widget.Input.EvaluateAsync<string>("e => getComputedStyle(e).display");
        Assert.NotEqual("none", inputDisplay);
        var answerColour = await widget.LastAnswer.Locator("p").First.EvaluateAsync<string>("e => getComputedStyle(e).color");
        Assert.Equal("rgb(17, 24, 39)", answerColour);
        var accent = await page.Locator("parley-chat .header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(15, 118, 110)", accent);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_answer_is_shown_while_it_streams_with_a_thinking_indicator_first()
    {
        await using var app = await ParleyApp.StartAsync(a => a.WithGenerator(new CannedChatClient(
            "Refunds take **five** business days once the parcel reaches us. " + string.Concat(Enumerable.Repeat("More detail follows here. ", 30)))
        {
            PieceLength = 4,
            Pace = TimeSpan.FromMilliseconds(40),
            // Long enough that the thinking indicator is certainly on screen when the test looks for it.
            FirstPieceDelay = TimeSpan.FromSeconds(2),
        }));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { allowed_domains = new[] { "shop.test" } });
        var snippet = $"""<script src="{app.BaseAddress.ToString().TrimEnd('/')}/widget.js" data-bot-id="{botId}" async></script>""";
        var page = await OpenAsync(Site.Publish("/stream.html", TestSite.ShopPage(snippet)));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();

        await widget.Input.FillAsync("How long do refunds take?");
        await widget.Input.PressAsync("Enter");
        // First the indicator, then text that grows while the stream is still open (no feedback buttons yet).
        await Expect(page.Locator("parley-chat .thinking[role=status]")).ToBeVisibleAsync();
        await Expect(widget.LastAnswer.Locator("strong")).ToHaveTextAsync("five");
        Assert.Equal(0, await page.Locator("parley-chat .feedback").CountAsync());
        var partial = await widget.LastAnswer.InnerTextAsync();
        await ScreenshotAsync(page, "widget-03-streaming");
        await Expect(page.Locator("parley-chat .feedback")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        var complete = await widget.LastAnswer.InnerTextAsync();
        Assert.True(complete.Length > partial.Length + 100, $"expected the answer to grow after it was first shown: {partial.Length} then {complete.Length} characters");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_widget_on_a_site_that_is_not_allowed_draws_nothing_and_tells_the_sites_developer_why()
    {
        ExpectedConsoleErrors.Add("403");
        var page = await OpenAsync("about:blank");
        var warnings = 0;
        page.Console += (_, m) => warnings += m.Type == "warning" ? 1 : 0;
        var url = Site.Publish("/help.html", TestSite.ShopPage(WidgetSnippet(_botId)), host: "evil.test");
        var warning = await page.RunAndWaitForConsoleMessageAsync(() => page.GotoAsync(url), new()
        {
            Predicate = m => m.Type == "warning" && m.Text.StartsWith("Parley: bot ", StringComparison.Ordinal),
        });
        var message = warning.Text;

        // No bubble that would open on a refusal: nothing of the widget is on the page, and nothing of the bot's settings.
        Assert.Contains($"http://evil.test:{Site.Port}", message, StringComparison.Ordinal);
        Assert.Contains($"add \"evil.test:{Site.Port}\" to the bot's allowed domains", message, StringComparison.Ordinal);
        await Expect(page.Locator("parley-chat")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Acme support", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, warnings);
        await ScreenshotAsync(page, "widget-04-nothing-on-other-site");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "widget-04-nothing-on-other-site-phone");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_reload_continues_the_conversation_and_new_conversation_starts_over()
    {
        var url = Site.Publish("/help.html", TestSite.ShopPage(WidgetSnippet(_botId)));
        var page = await OpenAsync(url);
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();
        await widget.AskAsync("How long do refunds take?");

        await page.ReloadAsync();
        widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();
        await Expect(page.Locator("parley-chat .message.user")).ToHaveTextAsync("How long do refunds take?");
        await Expect(widget.Answers).ToHaveCountAsync(1);
        await widget.AskAsync("How much does shipping cost?");
        await Expect(widget.LastAnswer).ToContainTextAsync("4.90");

        var conversations = await Admin.GetAsync($"/v1/bots/{_botId}/conversations");
        Assert.Equal(1, conversations.GetArrayLength());
        var conversation = await Admin.GetAsync($"/v1/conversations/{conversations[0].GetProperty("id").GetString()}");
        Assert.Equal(4, conversation.GetProperty("messages").GetArrayLength());
        await ScreenshotAsync(page, "widget-05-after-reload");

        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
        await Expect(page.Locator("parley-chat .message.user")).ToHaveCountAsync(0);
        await Expect(page.Locator("parley-chat .suggestions button")).ToHaveCountAsync(2);
        await widget.AskAsync("Do you ship to Switzerland?");
        Assert.Equal(2, (await Admin.GetAsync($"/v1/bots/{_botId}/conversations")).GetArrayLength());
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_thumbs_up_is_stored_with_the_answer_in_the_conversation_log()
    {
        var page = await OpenAsync(Site.Publish("/help.html", TestSite.ShopPage(WidgetSnippet(_botId))));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();
        var answer = await widget.AskAsync("How long do refunds take?");

        var up = answer.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true });
        await up.ClickAsync();
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "true");

        var list = await Admin.GetAsync($"/v1/bots/{_botId}/conversations");
        Assert.Equal(1, list[0].GetProperty("feedback").GetProperty("up").GetInt32());
        var messages = (await Admin.GetAsync($"/v1/conversations/{list[0].GetProperty("id").GetString()}")).GetProperty("messages");
        Assert.Equal("up", messages[1].GetProperty("feedback").GetString());
        Assert.False(messages[0].TryGetProperty("feedback", out _));

        // Changing one's mind replaces the vote.
        await answer.GetByRole(AriaRole.Button, new() { Name = "Not helpful" }).ClickAsync();
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "false");
        list = await Admin.GetAsync($"/v1/bots/{_botId}/conversations");
        Assert.Equal(JsonSerializer.Serialize(new { up = 0, down = 1 }), list[0].GetProperty("feedback").GetRawText().Replace(" ", "", StringComparison.Ordinal));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Sending_faster_than_the_rate_limit_shows_a_friendly_message()
    {
        ExpectedConsoleErrors.Add("429");
        await Admin.PatchAsync($"/v1/bots/{_botId}", new { rate_limit = new { max_messages = 1, window_seconds = 3600 } });
        var page = await OpenAsync(Site.Publish("/help.html", TestSite.ShopPage(WidgetSnippet(_botId))));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();
        await widget.AskAsync("How long do refunds take?");

        await widget.Input.FillAsync("And shipping?");
        await widget.Input.PressAsync("Enter");
        await Expect(widget.Errors).ToHaveTextAsync("You are sending messages a little too fast. Please wait a moment and try again.");
        await ScreenshotAsync(page, "widget-06-rate-limited");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task On_a_phone_the_panel_fills_the_screen_and_works_from_the_keyboard()
    {
        var page = await OpenAsync(Site.Publish("/help.html", TestSite.ShopPage(WidgetSnippet(_botId))), new ViewportSize { Width = 390, Height = 760 });
        var widget = await new WidgetOnPage(page).LoadedAsync();

        await widget.Launcher.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(widget.Panel).ToBeVisibleAsync();
        await Expect(widget.Input).ToBeFocusedAsync();
        var box = await widget.Panel.BoundingBoxAsync();
        Assert.Equal(390, box!.Width, 1);
        Assert.Equal(760, box.Height, 1);
        await widget.AskAsync("Do you ship to Switzerland?");
        await ScreenshotAsync(page, "widget-07-mobile");

        await page.Keyboard.PressAsync("Escape");
        await Expect(widget.Panel).ToBeHiddenAsync();
        await Expect(widget.Launcher).ToBeFocusedAsync();
        await Expect(widget.Launcher).ToHaveAttributeAsync("aria-expanded", "false");
        AssertNoPageErrors();
    }
}

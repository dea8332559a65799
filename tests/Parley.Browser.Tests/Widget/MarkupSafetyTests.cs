using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Widget;

/// <summary>
/// Markup that reaches the widget from the knowledge, the model or the bot's settings is shown as text:
/// every payload here would set <c>window.__pwned</c> if the browser ever ran it.
/// </summary>
public sealed class MarkupSafetyTests : BrowserTest
{
    private const string ModelAnswer =
        "Here you go: <img src=x onerror=\"window.__pwned='model-img'\"> and <script>window.__pwned='model-script'</script> " +
        "and [a trap](javascript:window.__pwned='model-link') and <a href=\"javascript:window.__pwned='model-a'\">another</a> " +
        "<svg onload=\"window.__pwned='model-svg'\"></svg> but **bold** still works, as does [the docs](https://docs.example.com/start).";

    [Fact]
    public async Task Markup_in_the_knowledge_renders_as_inert_text()
    {
        var botId = await Admin.CreateBotAsync(new { allowed_domains = new[] { "shop.test" } });
        var sourceId = await Admin.AddTextAsync(
            botId,
            "<img src=x onerror=\"window.__pwned='title'\">Opening hours",
            "The store opens at 9am <img src=x onerror=\"window.__pwned='knowledge-img'\"> on weekdays. " +
            "<script>window.__pwned='knowledge-script'</script> The store opens at 10am on Saturdays.",
            "https://shop.example.com/hours");
        await Admin.WaitForSyncAsync(botId, sourceId);

        var page = await OpenAsync(Site.Publish("/hours.html", TestSite.ShopPage(WidgetSnippet(botId))));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();
        var answer = await widget.AskAsync("When does the store open on weekdays?");

        // The offline generator quotes the sentence without its tags; whatever reaches the page stays text.
        await Expect(answer).ToContainTextAsync("The store opens at 9am");
        await Expect(answer.Locator("img, script")).ToHaveCountAsync(0);
        await Expect(answer.Locator(".sources a")).ToContainTextAsync("<img src=x onerror=\"window.__pwned='title'\">Opening hours");
        await ScreenshotAsync(page, "widget-08-knowledge-markup-inert");
        await AssertInertAsync(page);
    }

    [Fact]
    public async Task Markup_in_a_model_answer_and_in_the_bot_settings_renders_as_inert_text()
    {
        await using var app = await ParleyApp.StartAsync(a => a.WithGenerator(new CannedChatClient(ModelAnswer)));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new
        {
            allowed_domains = new[] { "shop.test" },
            welcome_message = "Welcome <img src=x onerror=\"window.__pwned='welcome'\">",
            suggested_questions = new[] { "<script>window.__pwned='suggestion'</script>" },
            widget = new { title = "<b onmouseover=\"window.__pwned='title'\">Shop</b>" },
        });
        var snippet = $"""<script src="{app.BaseAddress.ToString().TrimEnd('/')}/widget.js" data-bot-id="{botId}" async></script>""";
        var page = await OpenAsync(Site.Publish("/model.html", TestSite.ShopPage(snippet)));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();
        await Expect(page.Locator("parley-chat .title")).ToHaveTextAsync("<b onmouseover=\"window.__pwned='title'\">Shop</b>");
        await Expect(page.Locator("parley-chat .welcome")).ToHaveTextAsync("Welcome <img src=x onerror=\"window.__pwned='welcome'\">");

        await page.Locator("parley-chat .suggestions button").ClickAsync();
        await Expect(page.Locator("parley-chat .feedback")).ToHaveCountAsync(1);
        var answer = widget.LastAnswer;
        await Expect(answer).ToContainTextAsync("<script>window.__pwned='model-script'</script>");
        // A link to anything but http(s) keeps its words and loses its target.
        await Expect(answer).ToContainTextAsync("and a trap and");
        await Expect(answer.Locator("a", new() { HasText = "a trap" })).ToHaveCountAsync(0);
        await Expect(answer.Locator("strong")).ToHaveTextAsync("bold");
        await Expect(answer.Locator("a", new() { HasText = "the docs" })).ToHaveAttributeAsync("href", "https://docs.example.com/start");
        await page.Locator("parley-chat .message.assistant:not(.welcome) .body").HoverAsync();
        await ScreenshotAsync(page, "widget-09-model-markup-inert");
        await AssertInertAsync(page);

        // The same transcript in the Playground's conversation log is just as inert.
        var playground = await OpenAsync(new Uri(app.BaseAddress, "/playground").ToString());
        await playground.GetByLabel("API key").FillAsync(ParleyApp.AdminKey);
        await playground.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await playground.GetByRole(AriaRole.Link, new() { Name = "Conversations" }).ClickAsync();
        await playground.Locator("tr[data-conversation-id]").ClickAsync();
        await Expect(playground.Locator(".transcript .bubble.assistant")).ToContainTextAsync("<script>window.__pwned='model-script'</script>");
        await AssertInertAsync(playground);
    }
}

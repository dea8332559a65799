using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>The Playground's chat shows everything a stream says: stages, notices, replaced answers, errors.</summary>
public sealed class ChatPaneTests : BrowserTest
{
    [Fact]
    public async Task The_chat_pane_shows_the_stages_a_notice_and_a_replaced_answer()
    {
        await using var app = await StreamScenarios.DegradedAndRedactedAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { name = "Careful bot", privacy = "private", filters = new { redact_pii = true } });
        var page = await SignInAsync(app, botId);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("How do I get a refund?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator(".bubble.assistant .stage")).ToHaveTextAsync("Writing the answer…");
        await ScreenshotAsync(page, "playground-13-chat-generating");
        await Expect(page.Locator(".bubble.assistant .pill", new() { HasText = "Answer replaced by filters" })).ToBeVisibleAsync();
        await Expect(page.Locator(".bubble.assistant").Last).ToContainTextAsync("Write to [email removed]");
        await Expect(page.Locator(".callout.notice")).ToContainTextAsync("rag_unavailable");
        await Expect(page.Locator(".bubble.assistant .stage")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "playground-14-chat-notice-and-replace");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_chat_pane_shows_an_error_event()
    {
        await using var app = await StreamScenarios.FailingProviderAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { name = "Broken bot" });
        var page = await SignInAsync(app, botId);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Hello?");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).PressAsync("Enter");
        await Expect(page.Locator(".callout.error")).ToHaveTextAsync("Service temporarily unavailable. Please try again later. (service_unavailable)");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeEnabledAsync();
        AssertNoPageErrors();
    }

    private async Task<IPage> SignInAsync(ParleyApp app, string botId)
    {
        var page = await OpenAsync(new Uri(app.BaseAddress, "/playground").ToString());
        await page.GetByLabel("API key").FillAsync(ParleyApp.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, $"/playground#/bots/{botId}/chat").ToString());
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Chat" })).ToHaveAttributeAsync("aria-selected", "true");
        return page;
    }
}

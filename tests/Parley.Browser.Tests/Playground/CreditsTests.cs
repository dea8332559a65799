using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>The workspace's credits the Playground shows are the balance now, not the one at sign-in.</summary>
public sealed class CreditsTests : BrowserTest
{
    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task The_credits_shown_follow_each_answer_in_the_chat_pane_and_are_read_again_when_a_screen_showing_them_opens()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync(credits: 1000);
        var botId = await Admin.CreateKnowledgeableBotAsync(new { name = "Shop helper" }, workspaceId);
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/chat");
        var credits = page.Locator("[data-credits]");
        await Expect(credits).ToHaveAttributeAsync("data-credits", "1000");
        await Expect(credits).ToContainTextAsync(new Regex(@"\b1\W?000 credits"));

        var message = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
        await message.FillAsync("How long do refunds take?");
        await message.PressAsync("Enter");
        await Expect(page.Locator(".bubble.assistant .citations")).ToHaveCountAsync(1);
        await Expect(credits).ToHaveAttributeAsync("data-credits", "999");
        await Expect(credits).ToContainTextAsync("999");
        await message.FillAsync("How long does shipping take?");
        await message.PressAsync("Enter");
        await Expect(page.Locator(".bubble.assistant .citations")).ToHaveCountAsync(2);
        await Expect(credits).ToHaveAttributeAsync("data-credits", "998");
        await ScreenshotAsync(page, "credits-chat-after-two-answers");
        var balance = (await Admin.GetAsync($"/v1/workspaces/{workspaceId}")).GetProperty("credits").GetDecimal();
        Assert.Equal(998m, balance);

        // Spent where the Playground cannot see it (a visitor on the site): the screens read the balance again when opened.
        await new ParleyChatClient(App.NewHttpClient()).AskAsync(new ChatRequest(botId, "How long do refunds take?", "visitor-1"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Workspaces & keys" }).ClickAsync();
        await Expect(page.GetByLabel("Credits")).ToHaveValueAsync("997");
        await ScreenshotAsync(page, "credits-workspaces");
        await page.GetByRole(AriaRole.Link, new() { Name = "Shop helper" }).ClickAsync();
        await Expect(credits).ToHaveAttributeAsync("data-credits", "997");
        AssertNoPageErrors();
    }
}

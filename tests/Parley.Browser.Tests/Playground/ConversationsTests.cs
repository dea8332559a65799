using System.Net.Http.Json;
using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>The conversation log: whichever row the owner clicks, its transcript appears where they are looking.</summary>
public sealed class ConversationsTests : BrowserTest
{
    private const int Conversations = 30;

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task A_conversation_clicked_far_down_a_long_list_shows_its_transcript_in_view_on_a_desktop_and_on_a_phone()
    {
        var botId = await Admin.CreateBotAsync(new { name = "Shop helper" });
        var chat = new ParleyChatClient(App.NewHttpClient(), ParleyApp.AdminKey);
        for (var n = 1; n <= Conversations; n++)
            await chat.AskAsync(new ChatRequest(botId, $"Question {n}: do you ship abroad?", $"visitor-{n:00}"));
        var page = await SignInToPlaygroundAsync("#/conversations");
        var rows = page.Locator("tr[data-conversation-id]");
        await Expect(rows).ToHaveCountAsync(Conversations);

        // The oldest conversations are at the bottom, below the fold.
        await rows.Filter(new() { HasText = "Question 1:" }).ClickAsync();
        await AssertTranscriptInViewAsync(page, "Question 1:");
        await ScreenshotAsync(page, "conversations-desktop-low-row");

        // On a phone the transcript comes below the whole list, far from a row in its middle.
        await page.SetViewportSizeAsync(390, 844);
        // Found by its title rather than its position: turns stored in the same millisecond may list in either order.
        var middle = rows.Filter(new() { HasText = $"Question {Conversations / 2}:" });
        await middle.ClickAsync();
        await AssertTranscriptInViewAsync(page, $"Question {Conversations / 2}:");
        await ScreenshotAsync(page, "conversations-phone-middle-row");

        // A button leads back to the row the owner came from.
        await page.GetByRole(AriaRole.Button, new() { Name = "Back to the list" }).ClickAsync();
        await ScrolledAsync(page);
        await Expect(middle).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(middle).ToBeFocusedAsync();
        await ScreenshotAsync(page, "conversations-phone-back-to-list");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the log should not scroll sideways on a phone");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Rows_are_titled_by_their_first_question_the_owners_playground_chats_show_only_when_asked_and_marked_and_thumbs_down_filters()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { name = "Shop helper" });
        var visitors = App.PublicChat();
        await visitors.AskAsync(new ChatRequest(botId, "Do you ship to Norway?", "visitor-norway"));
        var unhappy = await visitors.AskAsync(new ChatRequest(botId, "How long do refunds take?", "visitor-refund"));
        using (var anonymous = App.NewHttpClient())
        {
            var vote = new { bot_id = botId, session_id = "visitor-refund", conversation_id = unhappy.ConversationId, message_id = unhappy.AssistantMessageId, rating = "down" };
            Assert.True((await anonymous.PostAsJsonAsync("/v1/public/feedback", vote)).IsSuccessStatusCode);
        }

        // The owner tries the bot in the Playground first: that chat is not a visitor's.
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/chat");
        var message = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
        await message.FillAsync("How much does express delivery cost?");
        await message.PressAsync("Enter");
        await Expect(page.Locator(".bubble.assistant .citations")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "Conversations" }).ClickAsync();
        var rows = page.Locator("tr[data-conversation-id]");
        await Expect(rows.Locator("td.question")).ToHaveTextAsync(["How long do refunds take?", "Do you ship to Norway?"]);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("visitor-norway");

        await page.GetByLabel("Include my Playground chats").CheckAsync();
        await Expect(rows).ToHaveCountAsync(3);
        var mine = rows.First;
        await Expect(mine.Locator("td.question")).ToContainTextAsync("How much does express delivery cost?");
        await Expect(mine.Locator("[data-channel=playground]")).ToHaveTextAsync("Playground");
        await Expect(rows.Locator("[data-channel=playground]")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "owner-conversations-with-playground-1280");

        await page.GetByLabel("Thumbs down only").CheckAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("td.question")).ToHaveTextAsync("How long do refunds take?");
        await rows.First.ClickAsync();
        await Expect(page.Locator(".conversation .session")).ToContainTextAsync("visitor-refund");
        await Expect(page.Locator(".transcript [data-feedback=down]")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "owner-conversations-thumbs-down-1280");

        await ToPhoneAsync(page);
        await page.GetByLabel("Thumbs down only").UncheckAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await ScreenshotAsync(page, "owner-conversations-390", fullPage: true);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the log should not scroll sideways on a phone");
        AssertNoPageErrors();
    }

    private static async Task AssertTranscriptInViewAsync(IPage page, string question)
    {
        var asked = page.Locator(".transcript .bubble.user").First;
        await Expect(asked).ToContainTextAsync(question);
        await ScrolledAsync(page);
        await Expect(page.Locator(".conversation h2")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(asked).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.Locator(".transcript .bubble.assistant").First).ToBeInViewportAsync(new() { Ratio = 1 });
    }

    /// <summary>Waits until a smooth scroll, if any, has come to rest.</summary>
    private static Task ScrolledAsync(IPage page) => page.WaitForFunctionAsync(
        "() => new Promise(done => { const y = scrollY; setTimeout(() => done(scrollY === y), 150); })");
}

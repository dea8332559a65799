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
        await rows.Last.ClickAsync();
        await AssertTranscriptInViewAsync(page, "Question 1:");
        await ScreenshotAsync(page, "conversations-desktop-low-row");

        // On a phone the transcript comes below the whole list, far from a row in its middle.
        await page.SetViewportSizeAsync(390, 844);
        var middle = rows.Nth(Conversations / 2);
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

using System.Text.Json;
using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>
/// The Insights tab: what visitors asked, drawn and counted, and the owner's loop from a question the bot could not
/// answer to a written answer that the bot gives the next time it is asked.
/// </summary>
public sealed class InsightsTabTests : BrowserTest
{
    private const string GiftCards = "Do you sell gift cards?";
    private const string WrittenAnswer = "Yes: gift cards from 10 to 200 euros, at every till and in the online shop.";
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task The_owner_sees_the_chart_totals_and_top_questions_writes_the_answer_to_an_unanswered_question_and_the_bot_then_gives_it()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { name = "Shop helper" });
        var visitors = App.PublicChat();
        string[] asked =
        [
            "How long do refunds take?", "How long does a refund take?", "How long do refunds take?", "How long do refunds take?",
            "How much does express delivery cost?", GiftCards, GiftCards,
        ];
        for (var n = 0; n < asked.Length; n++)
            await visitors.AskAsync(new ChatRequest(botId, asked[n], $"visitor-{n}"));
        var insights = await WaitForInsightsAsync(botId, i =>
            Unanswered(i, GiftCards) is { } row && row.GetProperty("count").GetInt32() == 2 && i.GetProperty("top_questions")[0].GetProperty("count").GetInt32() >= 3);
        var refunds = insights.GetProperty("top_questions")[0];
        Assert.StartsWith("How long do", refunds.GetProperty("question").GetString());

        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/insights");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Insights" })).ToHaveAttributeAsync("aria-selected", "true");
        await AssertChartDrawnAsync(page);
        await Expect(page.Locator("[data-total=visitor_messages] dd")).ToHaveTextAsync(asked.Length.ToString());
        await Expect(page.Locator("[data-total=conversations] dd")).ToHaveTextAsync(asked.Length.ToString());
        await Expect(page.Locator("[data-total=unanswered] dd")).ToHaveTextAsync(insights.GetProperty("totals").GetProperty("unanswered").GetInt32().ToString());
        var top = page.Locator(".top-questions li[data-group-id]").First;
        await Expect(top.Locator(".question-text")).ToHaveTextAsync(refunds.GetProperty("question").GetString()!);
        await Expect(top.Locator(".count")).ToHaveTextAsync($"{refunds.GetProperty("count").GetInt32()} times");
        await Expect(top.Locator(".share")).ToContainTextAsync("% answered");
        await top.Locator("summary").ClickAsync();
        await Expect(top.Locator(".examples li").First).ToBeVisibleAsync();
        await Expect(top.GetByRole(AriaRole.Button, new() { Name = "Write the answer" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "insights-1280", fullPage: true);

        // The CSV of the range, with the key the page holds.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("question,group,asked_at,answered,reason,conversation_id", csv);
        Assert.Contains(GiftCards, csv);

        // The question the bot could not answer, with why in the owner's words, and its conversation beside the form.
        var row = page.Locator(".unanswered-list > li").Filter(new() { HasText = GiftCards });
        await Expect(row.Locator(".reason")).ToHaveTextAsync("The bot found nothing about it in its knowledge.");
        await Expect(row).ToContainTextAsync("asked 2 times");
        await row.GetByRole(AriaRole.Button, new() { Name = "Write the answer" }).ClickAsync();
        await Expect(row.Locator(".answer-transcript .bubble.user.asked")).ToHaveTextAsync(GiftCards);
        await Expect(row.Locator(".answer-transcript .bubble.assistant")).ToContainTextAsync("couldn't find");
        await Expect(row.GetByLabel("Question")).ToHaveValueAsync(GiftCards);
        await row.GetByRole(AriaRole.Textbox, new() { Name = "Answer", Exact = true }).FillAsync(WrittenAnswer);
        await row.GetByLabel("Link (optional)").FillAsync("https://shop.example.com/gift-cards");
        await ScreenshotAsync(page, "insights-write-answer-1280");
        await ToPhoneAsync(page);
        await row.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "insights-write-answer-390");
        await AssertNoSidewaysScrollAsync(page);

        await row.GetByRole(AriaRole.Button, new() { Name = "Save the answer" }).ClickAsync();
        await Expect(row.Locator(".answer-status")).ToHaveTextAsync("Answer saved");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Write the answer" })).ToHaveCountAsync(0);
        var saved = (await Admin.GetAsync($"/v1/bots/{botId}/sources")).EnumerateArray().Single(s => s.GetProperty("type").GetString() == "qa");
        Assert.Equal(GiftCards, saved.GetProperty("question").GetString());
        Assert.Equal("https://shop.example.com/gift-cards", saved.GetProperty("url").GetString());
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await ScreenshotAsync(page, "insights-390", fullPage: true);
        await AssertNoSidewaysScrollAsync(page);

        // The answer is recorded against the question: opened again, the row says so and links to the Q&A source.
        var sourceId = saved.GetProperty("id").GetString()!;
        var marked = Unanswered(await WaitForInsightsAsync(botId, i => Unanswered(i, GiftCards)?.GetProperty("answer_saved").GetBoolean() == true), GiftCards)!.Value;
        Assert.Equal(sourceId, marked.GetProperty("answer_source_id").GetString());
        await page.ReloadAsync();
        var reopened = page.Locator(".unanswered-list > li").Filter(new() { HasText = GiftCards });
        await Expect(reopened.GetByRole(AriaRole.Link, new() { Name = "Answer saved" }))
            .ToHaveAttributeAsync("href", $"#/bots/{botId}/knowledge?source={sourceId}");
        await Expect(reopened.GetByRole(AriaRole.Button, new() { Name = "Write the answer" })).ToHaveCountAsync(0);
        await reopened.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "insights-answer-saved-390");

        // Asked again in the chat pane, the bot gives the written answer.
        await Admin.WaitForSyncAsync(botId, sourceId);
        await page.SetViewportSizeAsync(1280, 860);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Chat" }).ClickAsync();
        var message = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
        await message.FillAsync(GiftCards);
        await message.PressAsync("Enter");
        await Expect(page.Locator(".bubble.assistant").Last).ToContainTextAsync("gift cards from 10 to 200 euros");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_bot_without_visitor_questions_explains_what_will_appear_and_leaves_out_the_owners_own_chats()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { name = "Shop helper" });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/chat");
        var message = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
        await message.FillAsync("How long do refunds take?");
        await message.PressAsync("Enter");
        await Expect(page.Locator(".bubble.assistant .citations")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Insights" }).ClickAsync();
        var empty = page.Locator(".insights-empty");
        await Expect(empty.GetByRole(AriaRole.Heading)).ToHaveTextAsync("No visitor questions yet");
        await Expect(empty).ToContainTextAsync("the questions asked most");
        await Expect(empty).ToContainTextAsync("Your own chats in the Chat tab are not counted.");
        await Expect(page.Locator(".insights-chart canvas")).ToHaveCountAsync(0);

        // A range the server refuses is shown at the field it names.
        ExpectedConsoleErrors.Add("status of 400");
        await page.GetByLabel("From").FillAsync("2020-01-01");
        await Expect(page.Locator(".insights-range .field-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("From")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync(page, "insights-bad-range-1280");
        await page.GetByRole(AriaRole.Button, new() { Name = "Last 7 days" }).ClickAsync();
        await Expect(page.Locator(".insights-range .field-error")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Last 7 days" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(empty).ToContainTextAsync("Nothing in the last 7 days.");

        await ToPhoneAsync(page);
        await ScreenshotAsync(page, "insights-empty-390", fullPage: true);
        await AssertNoSidewaysScrollAsync(page);
        AssertNoPageErrors();
    }

    /// <summary>uPlot's canvas is on the page, sized, and has pixels drawn on it.</summary>
    private static async Task AssertChartDrawnAsync(IPage page)
    {
        var canvas = page.Locator(".insights-chart canvas");
        await Expect(canvas).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync(
            """
            () => {
              const canvas = document.querySelector('.insights-chart canvas');
              if (!canvas || canvas.width < 100 || canvas.height < 100) return false;
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let painted = 0;
              for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
              return painted > 500;
            }
            """);
        await Expect(page.Locator(".insights-chart .u-legend")).ToContainTextAsync("Visitor messages");
        await Expect(page.Locator(".insights-chart .u-legend")).ToContainTextAsync("all 30 days");
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the Insights tab should not scroll sideways");

    private static JsonElement? Unanswered(JsonElement insights, string question) =>
        insights.GetProperty("unanswered").EnumerateArray().Where(u => u.GetProperty("question").GetString() == question).Cast<JsonElement?>().FirstOrDefault();

    /// <summary>Questions are grouped a moment after they are stored: waits until the insights show what the test needs.</summary>
    private async Task<JsonElement> WaitForInsightsAsync(string botId, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var insights = await Admin.GetAsync($"/v1/bots/{botId}/insights");
            if (ready(insights))
                return insights;
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The insights never showed what the test waits for: " + insights);
            await Task.Delay(250);
        }
    }
}

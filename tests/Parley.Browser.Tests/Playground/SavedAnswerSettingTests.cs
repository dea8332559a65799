using System.Text.Json;
using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>
/// The Settings tab shows how close a question must be to a Q&amp;A pair's to get its saved answer: empty for the
/// measured default, a number from 0 to 1 saved as the bot's <c>qa_match_threshold</c>, anything else explained in
/// the owner's words before it is sent.
/// </summary>
public sealed class SavedAnswerSettingTests : BrowserTest
{
    private const string Label = "Saved answers: how close a question must be";

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task The_saved_answer_threshold_is_shown_checked_saved_and_reset_in_the_form()
    {
        var botId = await Admin.CreateBotAsync(new { name = "Shop help" });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");
        var patches = 0;
        page.Request += (_, request) => patches += request.Method == "PATCH" ? 1 : 0;
        var field = page.GetByLabel(Label);

        await Expect(field).ToHaveValueAsync("");
        await Expect(field).ToHaveAttributeAsync("placeholder", "Measured default (0.90)");
        await Expect(page.GetByText("gets your answer word for word")).ToBeVisibleAsync();

        await field.FillAsync("1.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator(".field-error")).ToHaveTextAsync(
            "Enter how close a question must be as a number from 0 to 1, such as 0.9, or leave it empty for the measured default.");
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, patches);

        await field.FillAsync("0.85");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");
        Assert.Equal(0.85, (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("qa_match_threshold").GetDouble());
        await Expect(page.GetByLabel(Label)).ToHaveValueAsync("0.85");
        await page.GetByLabel(Label).ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "settings-saved-answer-threshold");
        Assert.DoesNotContain("qa_match_threshold", await page.GetByLabel("Advanced settings").InputValueAsync(), StringComparison.Ordinal);

        await page.GetByLabel(Label).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("qa_match_threshold").ValueKind);
        AssertNoPageErrors();
    }
}

using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>The Settings tab saves every setting, again and again, and never shows or drops a stored key.</summary>
public sealed class SettingsFormTests : BrowserTest
{
    private const string ModelKey = "sk-owner-model-key-3f9a61";

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task Settings_keep_saving_after_a_model_key_is_set_and_the_key_stays_stored_and_unseen()
    {
        var botId = await Admin.CreateBotAsync(new
        {
            name = "Keyed bot",
            model = new { provider = "openai", base_url = "https://api.openai.example/v1", api_key = ModelKey, model = "gpt-4o-mini" },
        });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");
        var sent = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "PATCH")
                sent.Add(request.PostData ?? "");
        };

        // The Advanced JSON holds what can be sent back; that a key is stored is said beside it, not in it.
        var advanced = page.GetByLabel("Advanced settings");
        await Expect(advanced).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("gpt-4o-mini"));
        Assert.DoesNotContain("api_key", await advanced.InputValueAsync(), StringComparison.Ordinal);
        await Expect(page.GetByText("An API key is stored for \"model\"")).ToBeVisibleAsync();
        await advanced.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "settings-advanced-with-stored-key");

        // The owner's first hour: the welcome message alone, then another change, each saved.
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save changes" });
        await page.GetByLabel("Welcome message").FillAsync("Welcome to Acme!");
        var first = await page.RunAndWaitForResponseAsync(() => save.ClickAsync(), r => r.Request.Method == "PATCH");
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");
        await Expect(page.GetByLabel("Welcome message")).ToHaveValueAsync("Welcome to Acme!");
        await page.GetByLabel("Suggested questions").FillAsync("Do you ship abroad?");
        var second = await page.RunAndWaitForResponseAsync(() => save.ClickAsync(), r => r.Request.Method == "PATCH");
        await Expect(page.GetByLabel("Suggested questions")).ToHaveValueAsync("Do you ship abroad?");
        Assert.Equal((200, 200), (first.Status, second.Status));
        await Expect(page.Locator(".callout.error, .field-error")).ToHaveCountAsync(0);

        var bot = await Admin.GetAsync($"/v1/bots/{botId}");
        Assert.Equal("Welcome to Acme!", bot.GetProperty("welcome_message").GetString());
        Assert.Equal("Do you ship abroad?", bot.GetProperty("suggested_questions")[0].GetString());
        var model = bot.GetProperty("model");
        Assert.True(model.GetProperty("api_key_set").GetBoolean(), "the stored key should survive the saves");
        Assert.Equal("https://api.openai.example/v1", model.GetProperty("base_url").GetString());
        Assert.Equal(2, sent.Count);
        Assert.All(sent, body => Assert.DoesNotContain("api_key", body, StringComparison.Ordinal));
        Assert.DoesNotContain(ModelKey, await page.ContentAsync(), StringComparison.Ordinal);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_refused_advanced_setting_is_shown_on_the_advanced_field()
    {
        ExpectedConsoleErrors.Add("status of 400");
        var botId = await Admin.CreateBotAsync(new { name = "Keyed bot" });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");

        await page.GetByLabel("Advanced settings").FillAsync("""{"model": {"provider": "openai", "model": "m", "api_key_set": true}}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page.GetByLabel("Advanced settings")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".field-error")).ToContainTextAsync("'model.api_key_set' is read-only");
        await ScreenshotAsync(page, "settings-advanced-refused");
        AssertNoPageErrors();
    }
}

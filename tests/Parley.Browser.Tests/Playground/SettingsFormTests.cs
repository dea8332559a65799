using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>
/// The Settings tab saves every setting, again and again, never shows or drops a stored key, shows the real values
/// and what they mean (the limit in force, a bot open to any website, a system prompt the offline generator ignores),
/// and says what is wrong in the owner's words.
/// </summary>
public sealed class SettingsFormTests : BrowserTest
{
    private const string ModelKey = "sk-owner-model-key-3f9a61";

    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

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

        // The Model section shows the model and that a key is stored, never the key; the Advanced JSON no longer holds the model.
        await Expect(page.GetByLabel("Answers with")).ToHaveValueAsync("openai");
        await Expect(page.GetByLabel("Model name")).ToHaveValueAsync("gpt-4o-mini");
        await Expect(page.GetByText("A key is stored. It is never shown.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("API key")).ToBeHiddenAsync();
        Assert.DoesNotContain("model", await page.GetByLabel("Advanced settings").InputValueAsync(), StringComparison.Ordinal);

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

        await page.GetByLabel("Advanced settings").FillAsync(
            """{"embedding": {"provider": "openai", "base_url": "https://e.example/v1", "model": "m", "api_key_set": true}}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page.GetByLabel("Advanced settings")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".field-error")).ToContainTextAsync("'embedding.api_key_set' is read-only");
        await ScreenshotAsync(page, "settings-advanced-refused");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_new_bot_shows_its_real_limit_and_that_it_answers_on_any_website_until_a_domain_is_allowed()
    {
        await Admin.CreateWorkspaceAsync();
        var page = await SignInToPlaygroundAsync("#/new-bot");
        await Expect(page.GetByText("A new bot is public and answers on any website, at most 20 messages a minute per visitor")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "new-bot-1280");
        var phoneForm = await SignInToPlaygroundAsync("#/new-bot", Phone);
        await Expect(phoneForm.GetByText("A new bot is public and answers on any website")).ToBeVisibleAsync();
        await ScreenshotAsync(phoneForm, "new-bot-390");
        await page.GetByLabel("Name").FillAsync("Fresh bot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create bot" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Knowledge" })).ToHaveAttributeAsync("aria-selected", "true");
        var botId = new Regex("#/bots/([^/]+)/").Match(page.Url).Groups[1].Value;
        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();

        var limited = page.GetByLabel("Limit how many messages a visitor can send");
        await Expect(limited).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Messages", new() { Exact = true })).ToHaveValueAsync("20");
        await Expect(page.GetByLabel("In (seconds)")).ToHaveValueAsync("60");
        await Expect(page.GetByText("At most 20 messages per minute from each visitor, and from each IP address.")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByPlaceholder("Server default").CountAsync());
        var anySite = page.GetByText("This bot answers on any website.");
        await Expect(anySite).ToBeVisibleAsync();
        await ScreenshotAsync(page, "settings-new-bot-1280", fullPage: true);

        await page.GetByLabel("Allowed domains").FillAsync("shop.example.com");
        await Expect(anySite).ToBeHiddenAsync();
        await page.GetByLabel("Allowed domains").FillAsync("");
        await Expect(anySite).ToBeVisibleAsync();
        await page.GetByLabel("Privacy").SelectOptionAsync("private");
        await Expect(anySite).ToBeHiddenAsync();
        await page.GetByLabel("Privacy").SelectOptionAsync("public");

        await page.GetByLabel("In (seconds)").FillAsync("3600");
        await Expect(page.GetByText("At most 20 messages per hour from each visitor")).ToBeVisibleAsync();
        await limited.UncheckAsync();
        await Expect(page.GetByText("No limit: one visitor, or a script, can send as many messages as it likes")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Messages", new() { Exact = true })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("rate_limit").ValueKind);

        // Switched on again, the limit offers the default a new bot has.
        await page.GetByLabel("Limit how many messages a visitor can send").CheckAsync();
        await Expect(page.GetByLabel("Messages", new() { Exact = true })).ToHaveValueAsync("20");
        await Expect(page.GetByLabel("In (seconds)")).ToHaveValueAsync("60");

        // The Embed tab says it too.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Embed" }).ClickAsync();
        await Expect(page.GetByText("This bot answers on any website: anyone who copies the snippet")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "embed-any-website-1280");
        var phone = await SignInToPlaygroundAsync($"#/bots/{botId}/settings", Phone);
        await Expect(phone.GetByText("This bot answers on any website.")).ToBeVisibleAsync();
        await ScreenshotAsync(phone, "settings-new-bot-390", fullPage: true);
        await phone.GetByRole(AriaRole.Tab, new() { Name = "Embed" }).ClickAsync();
        await Expect(phone.GetByText("This bot answers on any website: anyone who copies the snippet")).ToBeVisibleAsync();
        await ScreenshotAsync(phone, "embed-any-website-390", fullPage: true);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_system_prompt_says_when_the_offline_generator_will_ignore_it()
    {
        var botId = await Admin.CreateBotAsync(new { name = "Offline bot", system_prompt = "Answer like a pirate." });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");
        var note = page.GetByText("Not used by the offline generator.");

        await Expect(page.GetByLabel("Answers with")).ToHaveValueAsync("");
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "The server's model (now the offline generator)" })).ToBeAttachedAsync();
        await Expect(note).ToBeVisibleAsync();
        await page.GetByLabel("System prompt").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "settings-system-prompt-offline-1280");

        await page.GetByLabel("Answers with").SelectOptionAsync("anthropic");
        await Expect(note).ToBeHiddenAsync();
        await page.GetByLabel("Answers with").SelectOptionAsync("extractive");
        await Expect(note).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Test connection" })).ToBeHiddenAsync();

        var phone = await SignInToPlaygroundAsync($"#/bots/{botId}/settings", Phone);
        await phone.GetByLabel("System prompt").ScrollIntoViewIfNeededAsync();
        await Expect(phone.GetByText("Not used by the offline generator.")).ToBeVisibleAsync();
        await ScreenshotAsync(phone, "settings-system-prompt-offline-390");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Wrong_values_are_explained_in_the_owners_words_before_anything_is_sent()
    {
        var botId = await Admin.CreateBotAsync(new { name = "Careful bot", rate_limit = new { max_messages = 20, window_seconds = 60 } });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");
        var patches = 0;
        page.Request += (_, request) => patches += request.Method == "PATCH" ? 1 : 0;

        await page.GetByLabel("Allowed domains").FillAsync("shop.example.com\nshop example.com");
        await page.GetByLabel("In (seconds)").FillAsync("0");
        await page.GetByLabel("Suggested questions").FillAsync(string.Join('\n', Enumerable.Range(1, 7).Select(i => $"Question {i}?")));
        var avatar = page.GetByLabel("Avatar image");
        await avatar.FillAsync("www.acme.example/logo.png");
        await avatar.BlurAsync();
        await Expect(avatar).ToHaveValueAsync("https://www.acme.example/logo.png");
        await Expect(page.GetByText("Added https:// in front.")).ToBeVisibleAsync();
        await page.GetByLabel("Answers with").SelectOptionAsync("openai");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page.GetByText("“shop example.com” is not a website. Write its domain only, such as example.com")).ToBeVisibleAsync();
        await Expect(page.GetByText("Enter a time window from 1 second to 30 days (2,592,000 seconds).")).ToBeVisibleAsync();
        await Expect(page.GetByText("Up to 6 suggested questions, please: this list has 7.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Enter the name of the model, such as gpt-4o-mini.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Not saved: 4 settings need a look; each is marked above.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Allowed domains")).ToBeFocusedAsync();
        await Expect(page.Locator("[aria-invalid=true]")).ToHaveCountAsync(4);
        Assert.Equal(0, patches);
        await ScreenshotAsync(page, "settings-owner-words-1280", fullPage: true);
        Assert.DoesNotContain("must be between", await page.ContentAsync(), StringComparison.Ordinal);

        var phone = await SignInToPlaygroundAsync($"#/bots/{botId}/settings", Phone);
        await phone.GetByLabel("In (seconds)").FillAsync("0");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(phone.Locator(".field-error")).ToHaveTextAsync("Enter a time window from 1 second to 30 days (2,592,000 seconds).");
        await Expect(phone.GetByText("Not saved: Enter a time window")).ToBeVisibleAsync();
        await ScreenshotAsync(phone, "settings-owner-words-390");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_refusal_by_the_api_is_shown_on_its_field_in_the_owners_words()
    {
        ExpectedConsoleErrors.Add("status of 400");
        var botId = await Admin.CreateBotAsync(new { name = "Refused bot", rate_limit = new { max_messages = 20, window_seconds = 60 } });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");
        // Whatever the form checks, the API has the last word; its message is for developers.
        await page.RouteAsync("**/v1/bots/" + botId, route => route.Request.Method == "PATCH"
            ? route.FulfillAsync(new()
            {
                Status = 400,
                ContentType = "application/json",
                Body = """{"error": "invalid_request", "message": "'rate_limit.window_seconds' must be between 1 and 2592000.", "field": "rate_limit.window_seconds"}""",
            })
            : route.ContinueAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page.GetByLabel("In (seconds)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".field-error")).ToHaveTextAsync("Enter a time window from 1 second to 30 days (2,592,000 seconds).");
        await Expect(page.GetByText("Not saved: Enter a time window")).ToBeVisibleAsync();
        Assert.DoesNotContain("'rate_limit.window_seconds'", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Blocked_topics_and_grounding_are_edited_in_the_form()
    {
        var botId = await Admin.CreateBotAsync(new { name = "Filtered bot", filters = new { blocked_terms = new[] { "competitor" } } });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");

        await Expect(page.GetByLabel("Blocked terms")).ToHaveValueAsync("competitor");
        await page.GetByLabel("Blocked topics").FillAsync("politics\nmedical advice");
        await page.GetByLabel("Grounding").SelectOptionAsync("lenient");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Filters" }).ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "settings-filters-1280");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");

        var filters = (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("filters");
        Assert.Equal(["politics", "medical advice"], filters.GetProperty("blocked_topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("lenient", filters.GetProperty("grounding").GetString());
        Assert.Equal("competitor", filters.GetProperty("blocked_terms")[0].GetString());
        await Expect(page.GetByLabel("Grounding")).ToHaveValueAsync("lenient");
        await Expect(page.GetByLabel("Blocked topics")).ToHaveValueAsync(new Regex("^politics\nmedical advice$"));
        AssertNoPageErrors();
    }
}

using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>
/// An owner chooses the bot's model in a form, not JSON: provider, address, name and a write-only key, and a
/// Test connection button that tries what the form shows, against a local server speaking OpenAI's wire format.
/// </summary>
public sealed class ModelSectionTests : BrowserTest
{
    private const string Key = "sk-owner-typed-key-77e1c9";

    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private FakeOpenAIChat _vendor = null!;

    public override async Task InitializeAsync()
    {
        _vendor = await FakeOpenAIChat.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _vendor.DisposeAsync();
    }

    // The fake vendor listens on loopback, which a bot's own endpoint may reach only when allowed.
    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none").With("Parley:Model:AllowPrivateNetworks", "true");

    [Fact]
    public async Task An_owner_tests_the_model_before_saving_sees_what_failed_and_saves_it_with_a_key_never_shown_again()
    {
        var botId = await Admin.CreateBotAsync(new { name = "Model bot" });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");

        await page.GetByLabel("Answers with").SelectOptionAsync("openai");
        await page.GetByLabel("Base URL").FillAsync(_vendor.BaseUrl);
        await page.GetByLabel("Model name").FillAsync("gpt-test-mini");
        await page.GetByLabel("API key").FillAsync(Key);
        var test = page.GetByRole(AriaRole.Button, new() { Name = "Test connection" });

        await test.ClickAsync();
        var result = page.Locator(".test-result");
        await Expect(result).ToContainTextAsync($"Connected. The model \"gpt-test-mini\" at {_vendor.BaseUrl} answered in");
        Assert.Equal($"Bearer {Key}", Assert.Single(_vendor.Requests).Header("authorization"));
        await result.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "settings-model-connected-1280");

        _vendor.Enqueue(VendorReply.Failure(401, "invalid_api_key"));
        await test.ClickAsync();
        await Expect(result).ToContainTextAsync($"Not connected. {_vendor.BaseUrl} refused the API key (HTTP 401).");
        await ScreenshotAsync(page, "settings-model-refused-key-1280");

        _vendor.Enqueue(VendorReply.Failure(404, "model_not_found"));
        await page.GetByLabel("Model name").FillAsync("gpt-nope");
        await Expect(result).ToBeEmptyAsync();
        await test.ClickAsync();
        await Expect(result).ToContainTextAsync("does not know the model \"gpt-nope\" (HTTP 404)");
        Assert.Equal(JsonNull, (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("model").ValueKind);

        await page.GetByLabel("Model name").FillAsync("gpt-test-mini");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");
        var model = (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("model");
        Assert.Equal(("openai", "gpt-test-mini", _vendor.BaseUrl, true), (
            model.GetProperty("provider").GetString(), model.GetProperty("model").GetString(),
            model.GetProperty("base_url").GetString(), model.GetProperty("api_key_set").GetBoolean()));

        // Drawn again from the saved bot: the key is stored and not shown, and testing uses the stored one.
        await Expect(page.GetByText("A key is stored. It is never shown.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("API key")).ToBeHiddenAsync();
        Assert.DoesNotContain(Key, await page.ContentAsync(), StringComparison.Ordinal);
        await test.ClickAsync();
        await Expect(result).ToContainTextAsync("Connected.");
        Assert.Equal($"Bearer {Key}", _vendor.Requests.Last().Header("authorization"));
        await page.GetByRole(AriaRole.Heading, new() { Name = "Model", Exact = true }).ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "settings-model-stored-key-1280");

        var phone = await SignInToPlaygroundAsync($"#/bots/{botId}/settings", Phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(phone.Locator(".test-result")).ToContainTextAsync("Connected.");
        await phone.GetByLabel("Model name").ScrollIntoViewIfNeededAsync();
        await phone.EvaluateAsync("() => window.scrollBy(0, 200)");
        await ScreenshotAsync(phone, "settings-model-stored-key-390");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_stored_key_can_be_replaced_or_removed_and_changing_the_address_asks_for_it_again()
    {
        var botId = await Admin.CreateBotAsync(new
        {
            name = "Keyed bot",
            model = new { provider = "openai", base_url = _vendor.BaseUrl, api_key = "sk-old-key-123", model = "gpt-test-mini" },
        });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save changes" });

        // Another address: a stored key is never sent to it, so the form asks for the key.
        await page.GetByLabel("Base URL").FillAsync("https://llm.acme.example/v1");
        await Expect(page.GetByText("A stored key is kept only for the same provider and address.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        await page.GetByLabel("Base URL").FillAsync(_vendor.BaseUrl);
        await Expect(page.GetByText("A stored key is kept only for the same provider and address.")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Replace key" }).ClickAsync();
        await Expect(page.GetByLabel("API key")).ToBeFocusedAsync();
        await page.GetByLabel("API key").FillAsync(Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.Locator(".test-result")).ToContainTextAsync("Connected.");
        Assert.Equal($"Bearer {Key}", Assert.Single(_vendor.Requests).Header("authorization"));
        await save.ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove key" }).ClickAsync();
        await Expect(page.GetByText("The stored key is removed when you save.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Model", Exact = true }).ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "settings-model-remove-key-1280");
        await save.ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");
        Assert.False((await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("model").GetProperty("api_key_set").GetBoolean());
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();

        // Back to the server's model: the bot's own model is cleared.
        await page.GetByLabel("Answers with").SelectOptionAsync("");
        await save.ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");
        Assert.Equal(JsonNull, (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("model").ValueKind);
        AssertNoPageErrors();
    }

    private static System.Text.Json.JsonValueKind JsonNull => System.Text.Json.JsonValueKind.Null;
}

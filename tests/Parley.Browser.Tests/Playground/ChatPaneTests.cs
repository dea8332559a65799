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
        var failure = page.Locator(".callout.error");
        await Expect(failure).ToHaveAttributeAsync("data-reason", "internal_error");
        await Expect(failure.Locator(".why")).ToHaveTextAsync("Parley could not produce the answer (HttpRequestException); the server log has the details.");
        await Expect(failure.Locator(".visitor-sees")).ToHaveTextAsync("Visitors are shown only: \u201cService temporarily unavailable. Please try again later.\u201d");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeEnabledAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Out_of_credits_the_chat_pane_tells_the_owner_the_balance_and_leads_to_where_credits_are_added()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync(credits: 0);
        var botId = await Admin.CreateBotAsync(new { name = "Shop helper" }, workspaceId);
        var page = await SignInAsync(App, botId);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Do you ship to Norway?");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).PressAsync("Enter");

        var failure = page.Locator(".callout.error");
        await Expect(failure).ToHaveAttributeAsync("data-reason", "credits_exhausted");
        await Expect(failure.Locator(".why")).ToHaveTextAsync("Out of credits: workspace 'Acme' has 0 credits left, and an answer reserves up to 1.");
        await Expect(failure.Locator(".visitor-sees")).ToContainTextAsync("Service temporarily unavailable.");
        await Expect(page.Locator(".bubble.assistant")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "owner-chat-out-of-credits-1280");
        await ToPhoneAsync(page);
        await ScreenshotAsync(page, "owner-chat-out-of-credits-390");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the chat should not scroll sideways on a phone");

        await page.SetViewportSizeAsync(1280, 860);
        await failure.GetByRole(AriaRole.Link, new() { Name = "Add credits in Workspaces & keys" }).ClickAsync();
        await Expect(page.GetByLabel("Credits")).ToHaveValueAsync("0");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_refused_key_is_named_in_the_chat_pane_with_the_providers_answer_and_a_way_to_the_bots_model()
    {
        await using var vendor = await FakeOpenAIChat.StartAsync();
        vendor.Default = VendorReply.Failure(401, "invalid_api_key", message: "Incorrect API key provided: sk-wrong***key.");
        await using var app = await ParleyApp.StartAsync(a => a.With("Parley:Model:AllowPrivateNetworks", "true").With("Parley:Embeddings:Provider", "none"));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new
        {
            name = "GPT helper",
            model = new { provider = "openai", base_url = vendor.BaseUrl, api_key = "sk-wrong-key", model = "gpt-4o-mini" },
        });
        var page = await SignInAsync(app, botId);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Do you ship to Norway?");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).PressAsync("Enter");

        var failure = page.Locator(".callout.error");
        await Expect(failure).ToHaveAttributeAsync("data-reason", "provider_key_refused");
        await Expect(failure.Locator(".why")).ToHaveTextAsync(
            $"The model provider refused the API key (401 from {vendor.BaseUrl}): Incorrect API key provided: sk-wrong***key.");
        await ScreenshotAsync(page, "owner-chat-key-refused-1280");
        await ToPhoneAsync(page);
        await ScreenshotAsync(page, "owner-chat-key-refused-390");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the chat should not scroll sideways on a phone");

        await failure.GetByRole(AriaRole.Link, new() { Name = "this bot\u2019s settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Settings" })).ToHaveAttributeAsync("aria-selected", "true");

        // The conversation log keeps why the answer failed.
        await page.GotoAsync(new Uri(app.BaseAddress, "/playground#/conversations").ToString());
        await page.GetByLabel("Include my Playground chats").CheckAsync();
        await page.Locator("tr[data-conversation-id]").First.ClickAsync();
        var failed = page.Locator(".transcript .bubble.assistant");
        await Expect(failed.Locator("[data-failure=provider_key_refused]")).ToHaveTextAsync("Failed");
        await Expect(failed.Locator(".failure-detail")).ToContainTextAsync("The model provider refused the API key (401 from");
        await ScreenshotAsync(page, "owner-conversation-failed-answer-390");
        await page.SetViewportSizeAsync(1280, 860);
        await ScreenshotAsync(page, "owner-conversation-failed-answer-1280");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_chat_pane_shows_code_blocks_and_tables_that_scroll_inside_the_answer()
    {
        var botId = await BrewmateDocs.CreateBotAsync(Admin, new { name = "Brewmate helper" });
        var page = await SignInAsync(App, botId);
        var message = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });

        await message.FillAsync("How do I install the command-line tool?");
        await message.PressAsync("Enter");
        var install = page.Locator(".bubble.assistant").Nth(0);
        await Expect(install.Locator(".citations")).ToBeVisibleAsync();
        await Expect(install.Locator("pre > code.language-sh")).ToHaveTextAsync(BrewmateDocs.InstallCommand);
        Assert.Equal(BrewmateDocs.InstallCommand, await install.Locator("pre > code").TextContentAsync());

        await message.FillAsync("How do I show the machine status on my website?");
        await message.PressAsync("Enter");
        var embed = page.Locator(".bubble.assistant").Nth(1);
        await Expect(embed.Locator(".citations")).ToBeVisibleAsync();
        await Expect(embed.Locator("p code")).ToHaveTextAsync("</body>");
        await Expect(embed.Locator("pre > code.language-html")).ToHaveTextAsync(BrewmateDocs.EmbedSnippet);
        Assert.Equal(BrewmateDocs.EmbedSnippet, await embed.Locator("pre > code").TextContentAsync());

        await message.FillAsync("How much coffee does the Lungo program pour?");
        await message.PressAsync("Enter");
        var table = page.Locator(".bubble.assistant").Nth(2);
        await Expect(table.Locator(".citations")).ToBeVisibleAsync();
        await Expect(table.Locator("table thead th")).ToHaveTextAsync(["Program", "Volume", "Strength", "Setting"]);
        await Expect(table.Locator("table tbody td")).ToHaveTextAsync(["Lungo", "110 ml", "medium", "BREW_PROGRAM=lungo"]);
        await Expect(table.Locator("table tbody td code")).ToHaveTextAsync("BREW_PROGRAM=lungo");
        await ScreenshotAsync(page, "playground-20-chat-code-and-table");
        await AssertWithinAnswerAsync(install.Locator("pre"), mustScroll: false);
        await AssertInertAsync(page);

        await page.SetViewportSizeAsync(390, 844);
        await AssertWithinAnswerAsync(install.Locator("pre"), mustScroll: true);
        await AssertWithinAnswerAsync(table.Locator(".md-table"), mustScroll: false);
        await install.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "playground-21-chat-code-phone");
        await table.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "playground-22-chat-table-phone");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_chat_pane_shows_a_code_block_as_code_while_its_fence_is_still_open()
    {
        await using var app = await StreamScenarios.SlowCodeBlockAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { name = "Config bot" });
        var page = await SignInAsync(app, botId);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("How do I configure it?");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).PressAsync("Enter");
        var answer = page.Locator(".bubble.assistant").Last;
        await Expect(answer.Locator("pre > code.language-ini")).ToContainTextAsync("allow_private = true");
        await Expect(answer).ToHaveAttributeAsync("aria-busy", "true");
        await Expect(answer.Locator("p", new() { HasText = "~~~" })).ToHaveCountAsync(0);

        await Expect(answer).Not.ToHaveAttributeAsync("aria-busy", "true", new() { Timeout = 60_000 });
        var code = await answer.Locator("pre > code").TextContentAsync();
        Assert.StartsWith("[network]\nallow_private = true\n# not ``` the end\noption_1 = value 1\n", code, StringComparison.Ordinal);
        Assert.EndsWith("option_12 = value 12", code, StringComparison.Ordinal);
        await Expect(answer.Locator("p code")).ToHaveTextAsync(["brewmate.conf", "x*y"]);
        await Expect(answer.Locator("ol li")).ToHaveTextAsync(["Save the file.", "Restart Brewmate."]);
        await ScreenshotAsync(page, "playground-23-chat-config-answer");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_bot_on_the_servers_unreachable_model_points_the_admin_to_the_servers_model_settings()
    {
        int closed;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            closed = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var app = await ParleyApp.StartAsync(a => a
            .With("Parley:Model:Provider", "openai").With("Parley:Model:BaseUrl", $"http://127.0.0.1:{closed}/v1")
            .With("Parley:Model:Model", "llama3.1:8b").With("Parley:Model:RetryDelayMs", "20").With("Parley:Embeddings:Provider", "none"));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { name = "Local model helper" });
        var page = await SignInAsync(app, botId);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Hello?");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).PressAsync("Enter");

        var failure = page.Locator(".callout.error");
        await Expect(failure).ToHaveAttributeAsync("data-reason", "provider_unreachable");
        await Expect(failure.Locator(".why")).ToHaveTextAsync(
            $"Could not reach the model provider at http://127.0.0.1:{closed}/v1: nothing accepts connections there (connection refused).");
        await Expect(failure.Locator(".fix")).ToHaveTextAsync(
            "This bot uses the server\u2019s model: check Parley:Model in the server\u2019s configuration, or give the bot a model of its own in its settings.");
        await ScreenshotAsync(page, "owner-chat-server-model-unreachable-1280");
        await ToPhoneAsync(page);
        await ScreenshotAsync(page, "owner-chat-server-model-unreachable-390");
        AssertNoPageErrors();
    }

    /// <summary>The block stays inside its answer and the page inside the screen; what is longer scrolls in the block.</summary>
    private static async Task AssertWithinAnswerAsync(ILocator block, bool mustScroll)
    {
        var sizes = await block.EvaluateAsync<double[]>(
            """
            e => {
              const bubble = e.closest('.bubble').getBoundingClientRect();
              return [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right, bubble.right, innerWidth, document.documentElement.scrollWidth];
            }
            """);
        Assert.True(sizes[2] <= sizes[3] + 0.5, $"the block ends at {sizes[2]}px, outside its answer ({sizes[3]}px)");
        Assert.True(sizes[3] <= sizes[4], $"the answer ends at {sizes[3]}px, outside the {sizes[4]}px screen");
        Assert.True(sizes[5] <= sizes[4], $"the page is {sizes[5]}px wide on a {sizes[4]}px screen");
        if (mustScroll)
            Assert.True(sizes[0] > sizes[1], $"expected the block to scroll: {sizes[0]}px of content in {sizes[1]}px");
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

using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>
/// Signed in with a workspace key, the Playground shows what that key can do and leaves out what only the admin key
/// can (creating workspaces, adding credits, setting a trial), saying so; and every control it shows works.
/// </summary>
public sealed class WorkspaceKeyTests : BrowserTest
{
    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task A_workspace_key_sees_no_admin_only_control_and_everything_it_sees_works()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync(credits: 50);
        var botId = await Admin.CreateKnowledgeableBotAsync(new { name = "Shop helper" }, workspaceId);
        await Admin.CreateBotAsync(new { name = "Someone else's bot" });
        var key = await Admin.CreateWorkspaceKeyAsync(workspaceId);

        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/chat", key: key);
        await Expect(page.Locator(".key-badge")).ToHaveAttributeAsync("data-role", "workspace");
        await Expect(page.Locator(".key-badge")).ToContainTextAsync("Workspace key");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Playground" })).Not.ToContainTextAsync("Someone else's bot");

        // Chat, with the workspace's balance.
        var message = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
        await message.FillAsync("How long do refunds take?");
        await message.PressAsync("Enter");
        await Expect(page.Locator(".bubble.assistant .citations")).ToHaveCountAsync(1);
        await Expect(page.Locator(".chat-actions [data-credits]")).ToHaveAttributeAsync("data-credits", "49");

        // Knowledge: a Q&A pair is added and listed.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Knowledge" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Q&A" }).ClickAsync();
        await page.GetByLabel("Question").FillAsync("Can I return a sale item?");
        await page.GetByLabel("Answer").FillAsync("Yes, within 30 days, like any other item.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        await Expect(page.Locator("tr[data-source-id]", new() { HasText = "Can I return a sale item?" })).ToBeVisibleAsync();

        // Settings are saved.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("Welcome message").FillAsync("Hi! Ask me about orders.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("Settings saved");

        // Embed shows the snippet.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Embed" }).ClickAsync();
        await Expect(page.Locator("[data-copy=snippet]")).ToContainTextAsync(botId);

        // A new bot lands in the key's workspace.
        await page.GetByRole(AriaRole.Link, new() { Name = "+ New bot" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Returns helper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create bot" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Returns helper" })).ToBeVisibleAsync();

        // Conversations: the chat above was the owner's, so it shows only when asked for.
        await page.GetByRole(AriaRole.Link, new() { Name = "Conversations" }).ClickAsync();
        await Expect(page.Locator(".empty").First).ToContainTextAsync("Include my Playground chats");
        await page.GetByLabel("Include my Playground chats").CheckAsync();
        await Expect(page.Locator("tr[data-conversation-id]")).ToHaveCountAsync(1);

        // Workspaces & keys: no workspace to create, no credits or trial to set; what is left works.
        await page.GetByRole(AriaRole.Link, new() { Name = "Workspaces & keys" }).ClickAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Acme");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create workspace" })).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Credits")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Trial ends")).ToHaveCountAsync(0);
        var note = page.Locator(".admin-only-note");
        await Expect(note).ToHaveAttributeAsync("data-credits", "49");
        await Expect(note).ToContainTextAsync("49 credits left, no trial limit. Adding credits and changing the trial need the server\u2019s admin key.");
        await Expect(page.Locator("main")).ToContainTextAsync("Creating workspaces needs the server\u2019s admin key.");
        await ScreenshotAsync(page, "owner-workspaces-workspace-key-1280", fullPage: true);
        await ToPhoneAsync(page);
        await ScreenshotAsync(page, "owner-workspaces-workspace-key-390", fullPage: true);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page should not scroll sideways on a phone");
        await page.SetViewportSizeAsync(1280, 860);

        // A key's name typed before saving the workspace's new name is still there after: saving draws nothing again.
        await page.GetByLabel("New key’s name").FillAsync("Shop backend");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Acme Shop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("Workspace saved");
        await Expect(page.Locator("select[aria-label=Workspace] option:checked")).ToHaveTextAsync("Acme Shop");
        await Expect(page.GetByLabel("New key’s name")).ToHaveValueAsync("Shop backend");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        await Expect(page.Locator("[data-copy=api-key]")).ToContainTextAsync("parley_ws_");
        await Expect(page.Locator("main")).ToContainTextAsync("New key “Shop backend”");
        var workspace = await Admin.GetAsync($"/v1/workspaces/{workspaceId}");
        Assert.Equal("Acme Shop", workspace.GetProperty("name").GetString());
        Assert.Equal(49m, workspace.GetProperty("credits").GetDecimal());

        // Out of credits, the chat says who can add them, since this key cannot.
        await Admin.PatchAsync($"/v1/workspaces/{workspaceId}", new { credits = 0 });
        await page.GotoAsync(new Uri(App.BaseAddress, $"/playground#/bots/{botId}/chat").ToString());
        await message.FillAsync("How long does shipping take?");
        await message.PressAsync("Enter");
        var failure = page.Locator(".callout.error");
        await Expect(failure.Locator(".why")).ToHaveTextAsync("Out of credits: workspace 'Acme Shop' has 0 credits left, and an answer reserves up to 1.");
        await Expect(failure.Locator(".fix")).ToHaveTextAsync("Only the server\u2019s admin key can add credits: ask the server\u2019s administrator.");
        await Expect(failure.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "owner-chat-out-of-credits-workspace-key-1280");
        await ToPhoneAsync(page);
        await ScreenshotAsync(page, "owner-chat-out-of-credits-workspace-key-390");
        AssertNoPageErrors();
    }
}

using System.Net;
using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>The Workspaces &amp; keys screen lists a workspace's keys, creates a named one (shown once) and revokes one.</summary>
public sealed class ApiKeysTests : BrowserTest
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task An_owner_creates_a_named_key_sees_when_it_was_used_and_revokes_it()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync();
        await Admin.PostAsync($"/v1/workspaces/{workspaceId}/api_keys", new { name = "Old CRM sync" });
        var page = await SignInToPlaygroundAsync("#/workspaces");
        var keys = page.GetByRole(AriaRole.Region, new() { Name = "API keys of Acme" });
        await Expect(keys.Locator("tr[data-key-id]")).ToHaveCountAsync(1);

        await keys.GetByLabel("New key’s name").FillAsync("Shop backend");
        await keys.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        var shown = keys.Locator("[data-copy=api-key]");
        await Expect(shown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^parley_ws_"));
        var key = await shown.InnerTextAsync();
        var row = keys.Locator("tr[data-key-id]", new() { HasText = "Shop backend" });
        await Expect(row).ToContainTextAsync(key[..14] + "…");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Never");
        // The list never holds the key itself; only the one-time notice does.
        Assert.DoesNotContain(key, await keys.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "keys-01-created", fullPage: true);
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width, "the keys should fit a phone");
        await Expect(row).ToContainTextAsync("Last used never");
        // The sidebar slides away when the screen narrows; the picture waits for it to be gone.
        await page.WaitForTimeoutAsync(400);
        await ScreenshotAsync(page, "keys-02-created-phone", fullPage: true);
        await page.SetViewportSizeAsync(1280, 860);

        // Used from elsewhere, the key shows when it was last used once the screen is opened again.
        using var http = App.NewHttpClient(key);
        (await http.GetReplyAsync($"/v1/workspaces/{workspaceId}")).AssertStatus(HttpStatusCode.OK);
        await page.ReloadAsync();
        await Expect(row.Locator("td").Nth(3)).Not.ToHaveTextAsync("Never");
        await Expect(keys.Locator("[data-copy=api-key]")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke the key “Shop backend”" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("refused from its next request on");
        await ScreenshotAsync(page, "keys-03-revoke-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await Expect(keys.Locator("tr[data-key-id]")).ToHaveCountAsync(1);
        (await http.GetReplyAsync($"/v1/workspaces/{workspaceId}")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Cancelling_the_confirmation_keeps_the_key()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync();
        await Admin.PostAsync($"/v1/workspaces/{workspaceId}/api_keys", new { name = "Keep me" });
        var page = await SignInToPlaygroundAsync("#/workspaces");

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the key “Keep me”" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.Locator("tr[data-key-id]", new() { HasText = "Keep me" })).ToHaveCountAsync(1);
        Assert.Single((await Admin.GetAsync($"/v1/workspaces/{workspaceId}/api_keys")).EnumerateArray());
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_key_that_revokes_itself_is_signed_out_of_the_playground()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync();
        var key = (await Admin.PostAsync($"/v1/workspaces/{workspaceId}/api_keys", new { name = "Laptop" })).GetProperty("key").GetString()!;
        var page = await OpenAsync(new Uri(App.BaseAddress, "/playground#/workspaces").ToString());
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Workspaces & keys" }).ClickAsync();
        var row = page.Locator("tr[data-key-id]", new() { HasText = "Laptop" });
        await Expect(row).ToContainTextAsync("You are signed in with it");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke the key “Laptop”" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("You are signed in with this key");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the Playground" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You revoked the key you were signed in with");
        Assert.Empty((await Admin.GetAsync($"/v1/workspaces/{workspaceId}/api_keys")).EnumerateArray());
        AssertNoPageErrors();
    }
}

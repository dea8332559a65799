using System.Text.Json;
using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>
/// The owner chooses on Workspaces &amp; keys how long conversations are kept: a number of days, or empty to keep them;
/// a value the server refuses is explained under the field and nothing changes.
/// </summary>
public sealed class RetentionTests : BrowserTest
{
    private const string Label = "Delete conversations after (days)";

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task The_owner_sets_changes_and_removes_the_retention_and_a_refused_value_is_explained_under_the_field()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync();
        await Admin.CreateBotAsync(new { name = "Shop helper" }, workspaceId);
        var page = await SignInToPlaygroundAsync("#/workspaces");
        var retention = page.GetByLabel(Label);
        await Expect(retention).ToHaveValueAsync("");
        await Expect(retention).ToHaveAttributeAsync("placeholder", "Never");

        await retention.FillAsync("30");
        await SaveAsync(page);
        Assert.Equal(30, await RetentionAsync(workspaceId));
        await page.ReloadAsync();
        await Expect(page.GetByLabel(Label)).ToHaveValueAsync("30");
        await ScreenshotAsync(page, "owner-workspaces-retention-1280", fullPage: true);

        foreach (var refused in new[] { "0", "3651", "2.5" })
        {
            await page.GetByLabel(Label).FillAsync(refused);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByLabel(Label)).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator(".field-error")).ToHaveTextAsync("Enter a whole number of days from 1 to 3650, or leave it empty to keep conversations.");
            Assert.Equal(30, await RetentionAsync(workspaceId));
        }

        await ScreenshotAsync(page, "owner-workspaces-retention-refused-1280");

        await page.GetByLabel(Label).FillAsync("");
        await SaveAsync(page);
        Assert.Null(await RetentionAsync(workspaceId));
        await Expect(page.GetByLabel(Label)).ToHaveValueAsync("");
        await Expect(page.Locator(".field-error")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel(Label)).Not.ToHaveAttributeAsync("aria-invalid", "true");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_workspace_key_sets_the_retention_of_its_workspace_and_the_field_fits_a_phone()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync();
        var key = await Admin.CreateWorkspaceKeyAsync(workspaceId);
        var page = await SignInToPlaygroundAsync("#/workspaces", key: key);

        await page.GetByLabel(Label).FillAsync("365");
        await SaveAsync(page);

        Assert.Equal(365, await RetentionAsync(workspaceId));
        await ToPhoneAsync(page);
        await Expect(page.GetByLabel(Label)).ToHaveValueAsync("365");
        await page.GetByLabel(Label).ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "owner-workspaces-retention-390");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page should not scroll sideways on a phone");
        AssertNoPageErrors();
    }

    private static async Task SaveAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("Workspace saved");
    }

    private async Task<int?> RetentionAsync(string workspaceId)
    {
        var days = (await Admin.GetAsync($"/v1/workspaces/{workspaceId}")).GetProperty("retention_days");
        return days.ValueKind == JsonValueKind.Null ? null : days.GetInt32();
    }
}

using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>
/// The owner keeps the business's own contact details in redacted answers: the Settings tab finds them in the
/// knowledge, adds the owner's to the list that is never masked, and saves it with the other settings.
/// </summary>
public sealed class ContactDetailsTests : BrowserTest
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task Contact_details_found_in_the_knowledge_are_added_to_the_never_masked_list_and_saved()
    {
        var botId = await Admin.CreateBotAsync(new { name = "Shop helper", filters = new { redact_pii = true } });
        await Admin.AddTextAsync(botId, "Contact",
            "# Contact\n\nWrite to support@shop.example.com or call +49 30 1234 5678 for help with your order. Our founder answers at jane.doe@mail.example.",
            "https://shop.example.com/contact");
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");
        var never = page.GetByLabel("Contact details never masked");

        await page.GetByRole(AriaRole.Button, new() { Name = "Find them in the knowledge" }).ClickAsync();
        await Expect(page.Locator("[data-contact]")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-contact='support@shop.example.com']")).ToContainTextAsync("on Contact");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add support@shop.example.com" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add +49 30 1234 5678" }).ClickAsync();
        await Expect(never).ToHaveValueAsync("support@shop.example.com\n+49 30 1234 5678");
        await Expect(page.Locator("[data-contact]")).ToHaveCountAsync(1);
        await never.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "settings-contact-details-found");
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.WaitForTimeoutAsync(400);
        await page.Locator(".found-contacts").EvaluateAsync("e => e.scrollIntoView({ block: 'center' })");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Phone.Width, "the Settings tab should fit a phone");
        await ScreenshotAsync(page, "settings-contact-details-found-phone");
        await page.SetViewportSizeAsync(1280, 860);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved");

        var filters = (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("filters");
        Assert.Equal(["support@shop.example.com", "+49 30 1234 5678"], filters.GetProperty("pii_allow").EnumerateArray().Select(e => e.GetString()));
        Assert.True(filters.GetProperty("redact_pii").GetBoolean());
        await Expect(page.GetByLabel("Contact details never masked")).ToHaveValueAsync("support@shop.example.com\n+49 30 1234 5678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find them in the knowledge" }).ClickAsync();
        await Expect(page.Locator("[data-contact]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-contact='jane.doe@mail.example']")).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task An_entry_that_is_neither_an_email_nor_a_phone_number_is_shown_on_the_field()
    {
        ExpectedConsoleErrors.Add("400");
        var botId = await Admin.CreateBotAsync(new { name = "Shop helper" });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/settings");

        await page.GetByLabel("Contact details never masked").FillAsync("support at shop dot com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page.Locator(".field-error")).ToContainTextAsync("is neither an e-mail address nor a phone number");
        await Expect(page.GetByLabel("Contact details never masked")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty((await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("filters").GetProperty("pii_allow").EnumerateArray());
        AssertNoPageErrors();
    }
}

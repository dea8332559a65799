using Parley.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Widget;

public sealed class WidgetStreamEventsTests : BrowserTest
{
    [Fact]
    public async Task A_notice_is_shown_and_a_replaced_answer_swaps_the_text_already_shown()
    {
        await using var app = await StreamScenarios.DegradedAndRedactedAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { filters = new { redact_pii = true } });
        var page = await OpenAsync(Site.Publish("/help.html", TestSite.ShopPage(Snippet(app, botId))));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();

        await widget.Input.FillAsync("How do I get a refund?");
        await widget.Input.PressAsync("Enter");
        // The address streams past (the visitor sees it arrive), then the filtered answer replaces it.
        await Expect(widget.LastAnswer).ToContainTextAsync("refunds@acme");
        await Expect(page.Locator("parley-chat .feedback")).ToHaveCountAsync(1);
        await Expect(widget.LastAnswer).ToContainTextAsync("Write to [email removed] and we will sort it out");
        await Expect(widget.LastAnswer).Not.ToContainTextAsync("@acme");
        await Expect(page.Locator("parley-chat .notice")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "widget-11-notice-and-replaced-answer");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task An_error_event_is_shown_as_its_message()
    {
        await using var app = await StreamScenarios.FailingProviderAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        var page = await OpenAsync(Site.Publish("/help.html", TestSite.ShopPage(Snippet(app, botId))));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();

        await widget.Input.FillAsync("How do I get a refund?");
        await widget.Input.PressAsync("Enter");
        await Expect(widget.Errors).ToHaveTextAsync("Service temporarily unavailable. Please try again later.");
        await Expect(widget.Input).ToBeEnabledAsync();
        await ScreenshotAsync(page, "widget-12-error-event");
        AssertNoPageErrors();
    }

    private static string Snippet(Parley.Server.Tests.Infrastructure.ParleyApp app, string botId) =>
        $"""<script src="{app.BaseAddress.ToString().TrimEnd('/')}/widget.js" data-bot-id="{botId}" async></script>""";
}

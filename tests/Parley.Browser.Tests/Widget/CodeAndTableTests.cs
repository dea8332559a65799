using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Widget;

/// <summary>
/// Answers from the real offline generator that quote code blocks and table rows read well in the widget, on a
/// desktop and on a 390 px phone: code keeps its lines and scrolls inside its block, tables keep their columns
/// and scroll inside their box, and the panel never grows wider than the screen.
/// </summary>
public sealed class CodeAndTableTests : BrowserTest
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_command_and_an_html_snippet_are_shown_as_code_blocks_that_scroll_inside_the_answer()
    {
        var botId = await BrewmateDocs.CreateBotAsync(Admin, new { allowed_domains = new[] { "shop.test" } });
        var page = await OpenAsync(Site.Publish("/manual.html", TestSite.ShopPage(WidgetSnippet(botId))));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();

        var install = await widget.AskAsync("How do I install the command-line tool?");
        await Expect(install.Locator("p").First).ToHaveTextAsync("Run this command in a terminal, as root:");
        await Expect(install.Locator("pre > code.language-sh")).ToHaveTextAsync(BrewmateDocs.InstallCommand);
        Assert.Equal(BrewmateDocs.InstallCommand, await install.Locator("pre > code").TextContentAsync());
        await AssertScrollsInsideAsync(install.Locator("pre"));
        await ScreenshotAsync(page, "widget-20-code-block");

        var embed = await widget.AskAsync("How do I show the machine status on my website?");
        await Expect(embed.Locator("p code")).ToHaveTextAsync("</body>");
        await Expect(embed.Locator("pre > code.language-html")).ToHaveTextAsync(BrewmateDocs.EmbedSnippet);
        Assert.Equal(BrewmateDocs.EmbedSnippet, await embed.Locator("pre > code").TextContentAsync());
        await ScreenshotAsync(page, "widget-21-html-code-block");
        await AssertInertAsync(page);

        var network = await widget.AskAsync("How do I let Brewmate reach machines on my own network?");
        await Expect(network.Locator("p code")).ToHaveTextAsync("BREWMATE__NETWORK__ALLOW_PRIVATE=true");
        await Expect(network.Locator("em, strong")).ToHaveCountAsync(0);

        // The first answer again (AskAsync's locator follows the latest answer).
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        install = widget.Answers.Nth(0);
        await install.ScrollIntoViewIfNeededAsync();
        await AssertScrollsInsideAsync(install.Locator("pre"));
        await ScreenshotAsync(page, "widget-22-code-block-phone");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_table_row_is_shown_as_a_table_under_its_header()
    {
        var botId = await BrewmateDocs.CreateBotAsync(Admin, new { allowed_domains = new[] { "shop.test" } });
        var page = await OpenAsync(Site.Publish("/manual.html", TestSite.ShopPage(WidgetSnippet(botId))));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();

        var answer = await widget.AskAsync("How much coffee does the Lungo program pour?");
        await Expect(answer.Locator("table thead th")).ToHaveTextAsync(["Program", "Volume", "Strength", "Setting"]);
        await Expect(answer.Locator("table tbody tr")).ToHaveCountAsync(1);
        await Expect(answer.Locator("table tbody td")).ToHaveTextAsync(["Lungo", "110 ml", "medium", "BREW_PROGRAM=lungo"]);
        await Expect(answer.Locator("table tbody td code")).ToHaveTextAsync("BREW_PROGRAM=lungo");
        await Expect(answer).Not.ToContainTextAsync("| ---");
        await ScreenshotAsync(page, "widget-23-table");

        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await AssertScrollsInsideAsync(answer.Locator(".table"), mayFit: true);
        await ScreenshotAsync(page, "widget-24-table-phone");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_code_block_is_shown_as_code_while_its_fence_is_still_open()
    {
        await using var app = await StreamScenarios.SlowCodeBlockAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { allowed_domains = new[] { "shop.test" } });
        var snippet = $"""<script src="{app.BaseAddress.ToString().TrimEnd('/')}/widget.js" data-bot-id="{botId}" async></script>""";
        var page = await OpenAsync(Site.Publish("/stream.html", TestSite.ShopPage(snippet)));
        var widget = await new WidgetOnPage(page).LoadedAsync();
        await widget.OpenAsync();

        await widget.Input.FillAsync("How do I configure it?");
        await widget.Input.PressAsync("Enter");
        // Mid-stream the fence is open: what has arrived is already code, and no fence marks show as text.
        await Expect(widget.LastAnswer.Locator("pre > code.language-ini")).ToContainTextAsync("allow_private = true");
        Assert.Equal(0, await page.Locator("parley-chat .feedback").CountAsync());
        await Expect(widget.LastAnswer.Locator("p", new() { HasText = "~~~" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "widget-25-open-fence-streaming");

        await Expect(page.Locator("parley-chat .feedback")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        var code = await widget.LastAnswer.Locator("pre > code").TextContentAsync();
        Assert.StartsWith("[network]\nallow_private = true\n# not ``` the end\noption_1 = value 1\n", code, StringComparison.Ordinal);
        Assert.EndsWith("option_12 = value 12", code, StringComparison.Ordinal);
        await Expect(widget.LastAnswer.Locator("p code")).ToHaveTextAsync(["brewmate.conf", "x*y"]);
        await Expect(widget.LastAnswer.Locator("p em")).ToHaveCountAsync(0);
        await Expect(widget.LastAnswer.Locator("ol li")).ToHaveTextAsync(["Save the file.", "Restart Brewmate."]);
        AssertNoPageErrors();
    }

    /// <summary>
    /// The block is no wider than the answer, the answer no wider than the screen: anything longer scrolls inside
    /// the block (unless <paramref name="mayFit"/> and it fits).
    /// </summary>
    private static async Task AssertScrollsInsideAsync(ILocator block, bool mayFit = false)
    {
        var sizes = await block.EvaluateAsync<double[]>(
            """
            e => {
              const bubble = e.closest('.message').getBoundingClientRect();
              const box = e.getBoundingClientRect();
              return [e.scrollWidth, e.clientWidth, box.right, bubble.right, innerWidth, document.documentElement.scrollWidth];
            }
            """);
        var (scrollWidth, clientWidth, right, bubbleRight, viewport, pageWidth) = (sizes[0], sizes[1], sizes[2], sizes[3], sizes[4], sizes[5]);
        Assert.True(right <= bubbleRight + 0.5, $"the block ends at {right}px, outside its answer ({bubbleRight}px)");
        Assert.True(bubbleRight <= viewport, $"the answer ends at {bubbleRight}px, outside the {viewport}px screen");
        Assert.True(pageWidth <= viewport, $"the page is {pageWidth}px wide on a {viewport}px screen");
        if (!mayFit)
            Assert.True(scrollWidth > clientWidth, $"expected the block to scroll: {scrollWidth}px of content in {clientWidth}px");
    }
}

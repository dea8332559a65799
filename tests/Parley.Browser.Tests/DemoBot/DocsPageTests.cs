using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.DemoBot;

/// <summary>The demo bot's citations open Parley's documentation as pages a person reads, at the cited section.</summary>
public sealed class DocsPageTests : BrowserTest
{
    // The demo bot, seeded without embeddings: its pages are stored at once and searched by their words.
    protected override void Configure(ParleyApp app) => app
        .With("Parley:DemoBot:Enabled", "true")
        .With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task A_citation_of_the_demo_bot_opens_the_docs_page_at_the_cited_heading()
    {
        var botId = (await Admin.GetAsync("/v1/bots")).EnumerateArray().Single().GetProperty("id").GetString()!;
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How do I embed the chat widget on my site?", "docs-reader-0001"));
        var citation = answer.Citations![0].SourceUrl!;
        Assert.Equal($"{App.BaseAddress}docs/widget.md#how-do-i-embed-the-widget", citation);

        var page = await OpenAsync(citation);

        var heading = page.Locator("#how-do-i-embed-the-widget");
        await Expect(heading).ToHaveTextAsync("How do I embed the widget?");
        await Expect(heading).ToBeInViewportAsync();
        Assert.Equal("how-do-i-embed-the-widget", await page.EvaluateAsync<string>("() => document.querySelector(':target')?.id"));
        await Expect(page).ToHaveTitleAsync("Chat widget · Parley");
        // The page's own stylesheet applies under its policy: a readable column, code on a tinted block.
        Assert.Equal("736px", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('main')).maxWidth"));
        Assert.NotEqual("rgba(0, 0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('pre')).backgroundColor"));
        await ScreenshotAsync(page, "docs-01-widget-citation");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_link_between_pages_opens_the_other_page_scrolled_to_its_section()
    {
        var page = await OpenAsync($"{App.BaseAddress}docs/faq.md");

        await page.Locator("main a[href='knowledge.md#why-did-my-source-fail']").First.ClickAsync();

        await Expect(page).ToHaveURLAsync($"{App.BaseAddress}docs/knowledge.md#why-did-my-source-fail");
        var heading = page.GetByRole(AriaRole.Heading, new() { Name = "Why did my source fail?" });
        await Expect(heading).ToBeInViewportAsync();
        await Expect(page.Locator("h1")).Not.ToBeInViewportAsync();
        await ScreenshotAsync(page, "docs-02-linked-section");
        AssertNoPageErrors();
    }
}

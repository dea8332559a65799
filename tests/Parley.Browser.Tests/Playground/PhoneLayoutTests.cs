using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>On a 390 px phone every screen of the Playground fits the width: nothing to scroll sideways, nothing cut.</summary>
public sealed class PhoneLayoutTests : BrowserTest
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly string[] Tabs = ["Chat", "Knowledge", "Insights", "Settings", "Embed"];

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task On_a_phone_no_tab_is_wider_than_the_screen_and_no_tab_label_or_placeholder_is_cut()
    {
        // The owner's case: a bot with a long name and sources of every width, a fetched page among them (Sync and Remove).
        var botId = await Admin.CreateBotAsync(new { name = "Acme Customer Support Assistant" });
        await Admin.AddTextAsync(botId, "Opening hours and holiday closures of every Acme store in Europe", "Open 9 to 5.", "https://acme.example/stores/opening-hours-and-holiday-closures");
        await Admin.AddQaAsync(botId, "Do you ship to Norway, Iceland and the Faroe Islands?", "Yes.");
        await Admin.PostAsync($"/v1/bots/{botId}/sources", new { type = "url", url = Site.Url("127.0.0.1", "/a-rather-long-path/that-does-not-exist.html") });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/knowledge", Phone);
        await Expect(page.Locator("tr[data-source-id]")).ToHaveCountAsync(3);

        foreach (var tab in Tabs)
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Tab, new() { Name = tab })).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(page.Locator("#tab-panel > *").First).ToBeVisibleAsync();
            await AssertFitsAsync(page, tab);
            foreach (var label in Tabs)
                await AssertWholeAsync(page.GetByRole(AriaRole.Tab, new() { Name = label }), $"the {label} tab on the {tab} tab");
            await ScreenshotAsync(page, $"phone-{tab.ToLowerInvariant()}", fullPage: true);
        }

        await page.GetByRole(AriaRole.Tab, new() { Name = "Knowledge" }).ClickAsync();
        foreach (var remove in await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Remove") }).AllAsync())
            await AssertWholeAsync(remove, "a Remove button");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Chat" }).ClickAsync();
        var message = page.GetByRole(AriaRole.Textbox, new() { Name = "Message" });
        var placeholder = await message.EvaluateAsync<double[]>(
            """
            box => {
              // The placeholder laid out as the box lays out its text: the height it needs beside the height it has.
              const style = getComputedStyle(box);
              const probe = document.createElement('div');
              for (const name of ['font', 'letterSpacing', 'lineHeight', 'paddingLeft', 'paddingRight', 'paddingTop', 'paddingBottom'])
                probe.style[name] = style[name];
              Object.assign(probe.style, { position: 'absolute', visibility: 'hidden', boxSizing: 'border-box', whiteSpace: 'pre-wrap', overflowWrap: 'break-word', width: box.clientWidth + 'px' });
              probe.textContent = box.placeholder;
              document.body.appendChild(probe);
              const needed = probe.scrollHeight;
              probe.remove();
              return [needed, box.clientHeight];
            }
            """);
        Assert.True(placeholder[0] <= placeholder[1], $"the placeholder needs {placeholder[0]}px of height and has {placeholder[1]}px: it is cut");

        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Conversations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Conversations", Exact = true })).ToBeVisibleAsync();
        await AssertFitsAsync(page, "Conversations");
        await ScreenshotAsync(page, "phone-conversations", fullPage: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Workspaces & keys" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Workspaces & keys" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Credits")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "Workspaces");
        await ScreenshotAsync(page, "phone-workspaces", fullPage: true);
        AssertNoPageErrors();
    }

    private static async Task AssertFitsAsync(IPage page, string screen)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the {screen} screen is {width}px wide on a 390px phone");
    }

    /// <summary>The element is drawn whole: inside the screen and not cut by a box that hides or scrolls its overflow.</summary>
    private static async Task AssertWholeAsync(ILocator element, string what)
    {
        var cut = await element.EvaluateAsync<string?>(
            """
            e => {
              const box = e.getBoundingClientRect();
              if (box.left < -0.5 || box.right > innerWidth + 0.5)
                return `it spans ${box.left}..${box.right}px of a ${innerWidth}px screen`;
              for (let p = e.parentElement; p; p = p.parentElement) {
                const style = getComputedStyle(p);
                if (style.overflowX === 'visible')
                  continue;
                const clip = p.getBoundingClientRect();
                if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5)
                  return `it spans ${box.left}..${box.right}px, but ${p.tagName.toLowerCase()}.${p.className} shows only ${clip.left}..${clip.right}px`;
              }
              return null;
            }
            """);
        Assert.True(cut is null, $"{what} is cut: {cut}");
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Infrastructure;

/// <summary>
/// The widget as a visitor uses it: the bubble, the panel, the box to type in. Playwright's CSS locators
/// pierce the widget's (open) shadow root, as a person's eyes would.
/// </summary>
public sealed class WidgetOnPage(IPage page)
{
    public IPage Page => page;

    public ILocator Host => page.Locator("parley-chat");

    public ILocator Launcher => page.Locator("parley-chat .launcher");

    public ILocator Panel => page.Locator("parley-chat .panel");

    public ILocator Input => page.Locator("parley-chat textarea");

    public ILocator Answers => page.Locator("parley-chat .message.assistant:not(.welcome)");

    public ILocator Errors => page.Locator("parley-chat .error");

    public ILocator LastAnswer => Answers.Last;

    /// <summary>Waits until the widget has asked the server for its settings and drawn itself.</summary>
    public async Task<WidgetOnPage> LoadedAsync()
    {
        await Expect(Host).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("ready|refused"));
        return this;
    }

    public async Task OpenAsync()
    {
        await Launcher.ClickAsync();
        await Expect(Panel).ToBeVisibleAsync();
    }

    /// <summary>Types a question, presses Enter, and waits for the complete answer (its feedback buttons come with <c>done</c>).</summary>
    public async Task<ILocator> AskAsync(string question)
    {
        var before = await page.Locator("parley-chat .feedback").CountAsync();
        await Input.FillAsync(question);
        await Input.PressAsync("Enter");
        await Expect(page.Locator("parley-chat .feedback")).ToHaveCountAsync(before + 1);
        return LastAnswer;
    }
}

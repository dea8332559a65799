using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Browser.Tests.Infrastructure;

/// <summary>
/// A test with its own Parley server, its own customer website and its own browser context (fresh
/// cookies and storage). Console errors and uncaught exceptions of every page are collected, and a test
/// fails if any page had one: a broken script or a blocked resource is a defect even when the assertions pass.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    public static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private readonly List<string> _pageErrors = [];

    protected ParleyApp App { get; private set; } = null!;

    protected AdminApi Admin { get; private set; } = null!;

    protected TestSite Site { get; private set; } = null!;

    protected IBrowserContext Browser { get; private set; } = null!;

    /// <summary>Console messages that are expected (a refused request logs one), matched by substring.</summary>
    protected List<string> ExpectedConsoleErrors { get; } = [];

    static BrowserTest() =>
        // Generous: CI runs these beside the server tests on two cores, and a waiting assertion costs nothing when it passes.
        Assertions.SetDefaultExpectTimeout(20_000);

    public virtual async Task InitializeAsync()
    {
        var browser = await Chromium.SharedAsync();
        App = await ParleyApp.StartAsync(Configure);
        Admin = App.Admin();
        Site = await TestSite.StartAsync();
        Browser = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        Browser.SetDefaultTimeout(30_000);
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        await Site.DisposeAsync();
        Admin.Dispose();
        await App.DisposeAsync();
    }

    protected virtual void Configure(ParleyApp app)
    {
    }

    protected async Task<IPage> OpenAsync(string url, ViewportSize? viewport = null)
    {
        var page = await Browser.NewPageAsync();
        if (viewport is not null)
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !ExpectedConsoleErrors.Any(e => message.Text.Contains(e, StringComparison.Ordinal)))
            {
                lock (_pageErrors)
                    _pageErrors.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_pageErrors)
                _pageErrors.Add($"uncaught: {error}");
        };
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>
    /// Signs in to the Playground with the admin key, as an owner does (or with <paramref name="key"/>, a workspace
    /// key), then opens <paramref name="route"/> (say <c>#/bots/ID/chat</c>).
    /// </summary>
    protected async Task<IPage> SignInToPlaygroundAsync(string? route = null, ViewportSize? viewport = null, string key = ParleyApp.AdminKey)
    {
        var page = await OpenAsync(new Uri(App.BaseAddress, "/playground").ToString(), viewport);
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Playground" })).ToBeAttachedAsync();
        if (route is not null)
            await page.GotoAsync(new Uri(App.BaseAddress, "/playground" + route).ToString());
        return page;
    }

    /// <summary>Turns the page into a phone's (390 × 844) and waits for the Playground's sidebar to slide out of view.</summary>
    protected static async Task ToPhoneAsync(IPage page)
    {
        await page.SetViewportSizeAsync(390, 844);
        if (await page.Locator(".sidebar").CountAsync() > 0)
            await Assertions.Expect(page.Locator(".sidebar")).Not.ToBeInViewportAsync();
    }

    /// <summary>Writes a PNG under bin/.../screenshots for people to look at; the name says what it shows.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });
    }

    protected void AssertNoPageErrors()
    {
        lock (_pageErrors)
            Assert.True(_pageErrors.Count == 0, "The pages reported errors:\n" + string.Join("\n", _pageErrors));
    }

    /// <summary>
    /// Nothing a payload could have done happened: no <c>window.__pwned</c>, no element that markup could have
    /// smuggled into the widget or the Playground, no link to anything but http(s), no page error.
    /// </summary>
    protected async Task AssertInertAsync(IPage page)
    {
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        var root = page.Locator("parley-chat");
        if (await root.CountAsync() > 0)
        {
            Assert.Equal(0, await page.Locator("parley-chat img, parley-chat script, parley-chat iframe, parley-chat b").CountAsync());
            Assert.Equal(0, await page.Locator("parley-chat a:not([href^='http'])").CountAsync());
        }

        Assert.Equal(0, await page.Locator("main img, main script, main a[href^='javascript']").CountAsync());
        AssertNoPageErrors();
    }

    protected string WidgetSnippet(string botId) => $"""<script src="{App.BaseAddress.ToString().TrimEnd('/')}/widget.js" data-bot-id="{botId}" async></script>""";
}

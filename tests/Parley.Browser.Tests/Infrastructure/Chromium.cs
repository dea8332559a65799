using Microsoft.Playwright;

namespace Parley.Browser.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole test run, driven by Playwright without its own browser
/// downloads (none can be fetched here). Host names under <c>.test</c> resolve to loopback, so a test can
/// serve pages from as many distinct origins as it needs (<c>shop.test</c>, <c>evil.test</c>).
/// A missing Chromium fails the tests: it is never a skip, so CI cannot pass without running them.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
                return _browser;
            if (!File.Exists(ExecutablePath))
            {
                var ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: a missing browser is a failure, never a skip.)" : "";
                Assert.Fail($"{ExecutablePath} is missing. Run ./test.sh (scripts/install-test-deps.sh installs Debian's chromium) or `apt-get install chromium`.{ci}");
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP *.test 127.0.0.1",
                ],
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _playwright?.Dispose();
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }
}

using Microsoft.Playwright;
using Parley.Browser.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Browser.Tests.Playground;

/// <summary>What the Embed tab hands out works when pasted, as it is.</summary>
public sealed class EmbedTabTests : BrowserTest
{
    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Theory]
    [InlineData("shop.example", "https://shop.example")]
    [InlineData("*.acme.example", "https://www.acme.example")]
    [InlineData("localhost:3000", "https://localhost:3000")]
    public async Task The_curl_of_a_bot_with_allowed_domains_sends_an_origin_they_allow_and_streams_an_answer_when_pasted_into_a_shell(
        string firstDomain, string origin)
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { name = "Shop helper", allowed_domains = new[] { firstDomain, "other.example" } });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/embed");
        var curl = await page.Locator("[data-copy=curl]").InnerTextAsync();
        Assert.Contains($"-H \"Origin: {origin}\"", curl, StringComparison.Ordinal);
        await Expect(page.GetByText($"stands in for a page of {firstDomain}", new() { Exact = false })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "embed-curl-with-origin-" + firstDomain.Replace("*", "any", StringComparison.Ordinal).Replace(':', '-'));

        // Run as pasted; the write-out, on stderr, adds the status and type curl would not print otherwise.
        var run = await ProcessRunner.RunAsync(RequiredTool.Bash, ["-c", curl + " -sS -w '%{stderr}%{http_code} %{content_type}'"], timeout: TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("200 text/event-stream", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("data: {\"type\":\"content\"", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("data: {\"type\":\"done\"", run.StandardOutput, StringComparison.Ordinal);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_curl_of_a_bot_open_to_any_site_sends_no_origin_and_streams_an_answer_when_pasted_into_a_shell()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { name = "Open helper" });
        var page = await SignInToPlaygroundAsync($"#/bots/{botId}/embed");
        var curl = await page.Locator("[data-copy=curl]").InnerTextAsync();
        Assert.DoesNotContain("Origin", curl, StringComparison.Ordinal);

        var run = await ProcessRunner.RunAsync(RequiredTool.Bash, ["-c", curl + " -sS -w '%{stderr}%{http_code} %{content_type}'"], timeout: TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("200 text/event-stream", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("data: {\"type\":\"done\"", run.StandardOutput, StringComparison.Ordinal);
        AssertNoPageErrors();
    }
}

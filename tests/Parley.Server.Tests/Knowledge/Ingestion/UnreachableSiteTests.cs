using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge.Ingestion;

/// <summary>
/// A source whose site cannot be read fails with the real reason, where the owner reads it (the source's
/// <c>error</c>): only a robots.txt that exists and disallows is blamed on robots.txt.
/// </summary>
public class UnreachableSiteTests : ParleyTest
{
    private FakeSite _site = null!;

    protected override void Configure(ParleyApp app) => app
        .With("Parley:Knowledge:AllowPrivateNetworks", "true")
        .With("Parley:Knowledge:RequestTimeoutSeconds", "1")
        .With("Parley:Ingestion:RobotsRetrySeconds", "0");

    public override async Task InitializeAsync()
    {
        _site = await FakeSite.StartAsync();
        _site.Page("/returns", FakeSite.Html("Returns", "<p>Unused kettles can be returned within 30 days.</p>"));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task A_host_that_does_not_exist_fails_saying_the_host_could_not_be_found()
    {
        var source = await SyncAsync("https://no-such-shop.invalid/returns");

        Assert.Equal("failed", source.GetProperty("status").GetString());
        var error = source.GetProperty("error").GetString()!;
        Assert.Contains("The host no-such-shop.invalid could not be found", error, StringComparison.Ordinal);
        Assert.DoesNotContain("robots.txt", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_fails_saying_the_connection_was_refused()
    {
        var port = ClosedPort();

        var source = await SyncAsync($"http://127.0.0.1:{port}/returns");

        Assert.Equal("failed", source.GetProperty("status").GetString());
        var error = source.GetProperty("error").GetString()!;
        Assert.Contains($"127.0.0.1:{port} could not be reached: connection refused", error, StringComparison.Ordinal);
        Assert.DoesNotContain("robots.txt", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_that_never_answers_fails_saying_it_timed_out()
    {
        _site.Delay = TimeSpan.FromSeconds(3);

        var source = await SyncAsync(_site.Url("/returns"));

        Assert.Equal("failed", source.GetProperty("status").GetString());
        var error = source.GetProperty("error").GetString()!;
        Assert.Contains("timed out", error, StringComparison.Ordinal);
        Assert.DoesNotContain("robots.txt", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_robots_txt_answering_500_is_asked_three_times_and_the_source_fails_naming_the_server_error()
    {
        _site.Fail("/robots.txt", 500);

        var source = await SyncAsync(_site.Url("/returns"));

        Assert.Equal("failed", source.GetProperty("status").GetString());
        var error = source.GetProperty("error").GetString()!;
        Assert.Contains($"The site's server answered HTTP 500 Internal Server Error for {_site.Url("/robots.txt")}", error, StringComparison.Ordinal);
        Assert.Contains("Sync the source again once the site answers.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("does not allow", error, StringComparison.Ordinal);
        Assert.Equal(3, _site.Hits("/robots.txt"));
        Assert.Equal(0, _site.Hits("/returns"));
    }

    [Fact]
    public async Task A_robots_txt_that_recovers_on_a_retry_lets_the_sync_go_on()
    {
        _site.Fail("/robots.txt", 503, times: 1);

        var source = await SyncAsync(_site.Url("/returns"));

        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.Equal(1, source.GetProperty("pages").GetInt32());
        Assert.Equal(2, _site.Hits("/robots.txt"));
    }

    [Fact]
    public async Task A_robots_txt_that_disallows_the_start_url_is_the_reason_given()
    {
        _site.Page("/robots.txt", "User-agent: ParleyBot\nDisallow: /returns\n", "text/plain");

        var source = await SyncAsync(_site.Url("/returns"));

        Assert.Equal("failed", source.GetProperty("status").GetString());
        Assert.Equal(
            $"The site's robots.txt ({_site.Url("/robots.txt")}) does not allow ParleyBot to fetch {_site.Url("/returns")}.",
            source.GetProperty("error").GetString());
        Assert.Equal(0, _site.Hits("/returns"));
    }

    private async Task<JsonElement> SyncAsync(string url)
    {
        var botId = await Admin.CreateBotAsync();
        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "url", url });
        return await Admin.WaitForSyncAsync(botId, sourceId);
    }

    /// <summary>A loopback port nothing listens on: taken from the system, then given back.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

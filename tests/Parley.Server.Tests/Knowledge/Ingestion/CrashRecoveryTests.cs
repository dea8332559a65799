using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Hosting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge.Ingestion;

/// <summary>A crawl survives the server being killed: after a restart it finishes with every page exactly once.</summary>
public class CrashRecoveryTests : IAsyncLifetime
{
    private const int PageCount = 24;
    private const string Key = "parley-crash-test-admin-key";

    private readonly string _data = Directory.CreateTempSubdirectory("parley-crash-").FullName;
    private FakeSite _site = null!;
    private IReadOnlyDictionary<string, string> _backend = new Dictionary<string, string>();

    /// <summary>Settings that put the server on another backend; a derived class runs the same test there.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>> BackendSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public virtual async Task InitializeAsync()
    {
        _backend = await BackendSettingsAsync();
        _site = await FakeSite.StartAsync();
        for (var i = 0; i < PageCount; i++)
        {
            var next = Enumerable.Range(i + 1, 3).Where(n => n < PageCount).Select(n => $"/page/{n}").ToArray();
            _site.Page($"/page/{i}", FakeSite.Html($"Kettle model {i}",
                $"<p>The kettle model number {i} boils {i + 1} litres and is sold in colour code C{i * 7}.</p>", next));
        }
    }

    public virtual async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_crawl_killed_midway_finishes_after_a_restart_with_no_page_missing_or_duplicated()
    {
        _site.Delay = TimeSpan.FromMilliseconds(150);
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        string botId, sourceId;
        await using (var first = StartServer(address))
        {
            await first.WaitUntilHealthyAsync(address);
            using var admin = new AdminApi(NewClient(address));
            botId = await admin.CreateBotAsync();
            sourceId = await admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/page/0"), max_pages = 100, max_depth = 20 });
            await WaitForPagesAsync(admin, botId, sourceId, atLeast: 4);

            await first.KillAsync();
        }

        var visitedAtKill = _site.Requests.Count(r => r.Path.StartsWith("/page/", StringComparison.Ordinal));
        Assert.True(visitedAtKill < PageCount, $"the crawl had already finished ({visitedAtKill} pages) when the server was killed");

        _site.Delay = TimeSpan.Zero;
        await using var second = StartServer(address);
        await second.WaitUntilHealthyAsync(address);
        using var again = new AdminApi(NewClient(address));
        var resumed = await again.WaitForSyncAsync(botId, sourceId, TimeSpan.FromSeconds(90));

        Assert.Equal("ready", resumed.GetProperty("status").GetString());

        // The same site crawled in one go is the reference for how many pages and chunks there must be.
        var referenceBot = await again.CreateBotAsync();
        var referenceSource = await again.AddFetchedSourceAsync(referenceBot, new { type = "crawl", url = _site.Url("/page/0"), max_pages = 100, max_depth = 20 });
        var reference = await again.WaitForSyncAsync(referenceBot, referenceSource, TimeSpan.FromSeconds(90));
        Assert.True(reference.GetProperty("chunks").GetInt32() >= PageCount);
        Assert.Equal(reference.GetProperty("pages").GetInt32(), resumed.GetProperty("pages").GetInt32());
        Assert.Equal(reference.GetProperty("chunks").GetInt32(), resumed.GetProperty("chunks").GetInt32());

        var answer = await new ParleyChatClient(NewClient(address)).AskAsync(
            new ChatRequest(botId, "Which colour code does kettle model 23 have?", "crash-visitor"));
        Assert.Contains("C161", answer.Text, StringComparison.Ordinal);
    }

    private ServerProcess StartServer(Uri address) =>
        ServerProcess.Start(_data, ["--urls", address.ToString().TrimEnd('/')], new Dictionary<string, string>(_backend)
        {
            ["PARLEY_DATA_DIR"] = _data,
            ["PARLEY_ADMIN_KEY"] = Key,
            ["Parley__Knowledge__AllowPrivateNetworks"] = "true",
            ["Parley__Ingestion__LeaseSeconds"] = "2",
            ["Parley__DemoBot__Enabled"] = "false",
        });

    private static HttpClient NewClient(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    private static async Task WaitForPagesAsync(AdminApi admin, string botId, string sourceId, int atLeast)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var source = await admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}");
            if (source.GetProperty("pages").GetInt32() >= atLeast)
                return;
            await Task.Delay(20);
        }

        throw new TimeoutException("The crawl made no progress.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

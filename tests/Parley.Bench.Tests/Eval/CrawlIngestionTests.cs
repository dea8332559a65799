using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Bench.Eval;
using Parley.Bench.Hosting;

namespace Parley.Bench.Tests.Eval;

/// <summary>The crawl source against a stand-in admin API that walks a source through the statuses Parley reports.</summary>
public class CrawlIngestionTests
{
    [Fact]
    public async Task RunAsync_SourceBecomesReady_ReportsPagesChunksAndProgress()
    {
        await using var api = await FakeSourceApi.StartAsync(
            """{"id":"s1","status":"queued","pages":0,"chunks":0}""",
            """{"id":"s1","status":"running","pages":3,"pages_total":10,"chunks":20}""",
            """{"id":"s1","status":"ready","pages":10,"pages_total":10,"chunks":75}""");
        using var admin = new BotProvisioner(api.BaseAddress, "key");
        var output = new StringWriter();

        var result = await CrawlIngestion.RunAsync(admin, "b1", new Uri("http://127.0.0.1:8099/index.html"), 50, 5, TimeSpan.FromSeconds(30), output);

        Assert.Equal(("crawl", 10, 75), (result.Method, result.Pages, result.Chunks));
        Assert.Contains("running: 3/10 pages, 20 chunks", output.ToString(), StringComparison.Ordinal);
        using var posted = JsonDocument.Parse(api.PostedBody!);
        Assert.Equal("crawl", posted.RootElement.GetProperty("type").GetString());
        Assert.Equal(50, posted.RootElement.GetProperty("max_pages").GetInt32());
        Assert.Equal(5, posted.RootElement.GetProperty("max_depth").GetInt32());
    }

    [Fact]
    public async Task RunAsync_SourceFails_ThrowsWithTheError()
    {
        await using var api = await FakeSourceApi.StartAsync(
            """{"id":"s1","status":"queued","pages":0,"chunks":0}""",
            """{"id":"s1","status":"failed","pages":0,"chunks":0,"error":"start page answered 404"}""");
        using var admin = new BotProvisioner(api.BaseAddress, "key");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CrawlIngestion.RunAsync(admin, "b1", new Uri("http://127.0.0.1:8099/"), 50, 5, TimeSpan.FromSeconds(30), TextWriter.Null));

        Assert.Contains("start page answered 404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SourceNeverReady_TimesOut()
    {
        await using var api = await FakeSourceApi.StartAsync("""{"id":"s1","status":"running","pages":1,"chunks":1}""");
        using var admin = new BotProvisioner(api.BaseAddress, "key");

        await Assert.ThrowsAsync<TimeoutException>(() =>
            CrawlIngestion.RunAsync(admin, "b1", new Uri("http://127.0.0.1:8099/"), 50, 5, TimeSpan.FromMilliseconds(600), TextWriter.Null));
    }

    /// <summary>Answers the POST with the first state and each GET with the next, staying on the last.</summary>
    private sealed class FakeSourceApi : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly string[] _states;
        private int _next;

        private FakeSourceApi(string[] states)
        {
            _states = states;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            _app = builder.Build();
            _app.MapPost("/v1/bots/b1/sources", async (HttpRequest request) =>
            {
                PostedBody = await new StreamReader(request.Body).ReadToEndAsync();
                return Results.Text(Next(), "application/json", statusCode: 201);
            });
            _app.MapGet("/v1/bots/b1/sources/s1", () => Results.Text(Next(), "application/json"));
        }

        public string? PostedBody { get; private set; }

        public Uri BaseAddress { get; private set; } = null!;

        public static async Task<FakeSourceApi> StartAsync(params string[] states)
        {
            var api = new FakeSourceApi(states);
            await api._app.StartAsync();
            api.BaseAddress = new Uri(api._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return api;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();

        private string Next() => _states[Math.Min(Interlocked.Increment(ref _next) - 1, _states.Length - 1)];
    }
}

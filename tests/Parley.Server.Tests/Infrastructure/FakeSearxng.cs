using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A SearXNG instance on loopback speaking its JSON API: <c>GET /search?q=…&amp;format=json</c> answers
/// the full result page shape (query, number_of_results, results with url/title/content/engine/score…,
/// answers, suggestions, unresponsive_engines); a request without <c>format=json</c> is refused with 403,
/// as a real instance does when the format is not enabled. Failures and slowness can be switched on.
/// </summary>
public sealed class FakeSearxng : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSearxng(WebApplication app) => _app = app;

    public sealed record Result(string Url, string Title, string Content);

    /// <summary>The results every search returns, best first.</summary>
    public List<Result> Results { get; } = [];

    /// <summary>The <c>q</c> of every search received.</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    public int Status { get; set; } = 200;

    public TimeSpan Delay { get; set; }

    /// <summary>A raw body to send instead of the result page, e.g. to answer something that is not JSON.</summary>
    public string? RawBody { get; set; }

    public string BaseUrl => _app.Urls.First();

    private int _abandoned;

    /// <summary>Searches whose caller hung up before the (delayed) answer was sent.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public static async Task<FakeSearxng> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSearxng(app);
        app.MapGet("/search", fake.SearchAsync);
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task SearchAsync(HttpContext http)
    {
        var query = http.Request.Query["q"].ToString();
        Queries.Enqueue(query);
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _abandoned);
                return;
            }
        }

        if (http.Request.Query["format"] != "json")
        {
            http.Response.StatusCode = 403;
            return;
        }

        http.Response.StatusCode = Status;
        if (Status != 200)
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync("<html><body>Internal Server Error</body></html>");
            return;
        }

        http.Response.ContentType = "application/json";
        if (RawBody is not null)
        {
            await http.Response.WriteAsync(RawBody);
            return;
        }

        var page = new
        {
            query,
            number_of_results = Results.Count,
            results = Results.Select((r, i) => new Dictionary<string, object?>
            {
                ["url"] = r.Url,
                ["title"] = r.Title,
                ["content"] = r.Content,
                ["engine"] = "duckduckgo",
                ["parsed_url"] = ParsedUrl(r.Url),
                ["template"] = "default.html",
                ["engines"] = new[] { "duckduckgo", "brave" },
                ["positions"] = new[] { i + 1 },
                ["publishedDate"] = null,
                ["thumbnail"] = "",
                ["score"] = 4.0 / (i + 1),
                ["category"] = "general",
            }),
            answers = Array.Empty<object>(),
            corrections = Array.Empty<object>(),
            infoboxes = Array.Empty<object>(),
            suggestions = new[] { query + " history" },
            unresponsive_engines = new[] { new[] { "google", "timeout" } },
        };
        await http.Response.WriteAsync(JsonSerializer.Serialize(page));
    }

    private static string[] ParsedUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? [uri.Scheme, uri.Authority, uri.AbsolutePath, "", uri.Query.TrimStart('?'), uri.Fragment.TrimStart('#')]
            : ["", "", url, "", "", ""];
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A small website on loopback for the crawler to visit: pages that can change or vanish between syncs,
/// ETags and 304s like a real server, an optional delay per page, and a log of what was asked for.
/// </summary>
public sealed class FakeSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Body, string ContentType)> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, int Times)> _failures = new(StringComparer.Ordinal);

    private FakeSite(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, int Status)> Requests { get; } = new();

    public TimeSpan Delay { get; set; }

    public string BaseUrl => _app.Urls.First();

    public string Url(string path) => BaseUrl + path;

    public void Page(string path, string body, string contentType = "text/html; charset=utf-8") => _pages[path] = (body, contentType);

    public void Remove(string path) => _pages.TryRemove(path, out _);

    /// <summary>The next <paramref name="times"/> requests for <paramref name="path"/> answer <paramref name="status"/> (a 500, a 503) instead of the page.</summary>
    public void Fail(string path, int status, int times = int.MaxValue) => _failures[path] = (status, times);

    public int Hits(string path) => Requests.Count(r => r.Path == path);

    /// <summary>An HTML page with site chrome around the content, as a real site has.</summary>
    public static string Html(string title, string body, params string[] links) =>
        $"""
        <!doctype html><html><head><title>{title} | Kettle Co</title></head><body>
        <header><nav><a href="/">Home</a> {string.Concat(links.Select(l => $"<a href=\"{l}\">{l}</a> "))}</nav></header>
        <div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
        <main><h1>{title}</h1>{body}</main>
        <footer>Copyright Kettle Co. Imprint and privacy policy.</footer>
        <script>window.tracking = true;</script>
        </body></html>
        """;

    public static async Task<FakeSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new FakeSite(app);
        app.Run(site.ServeAsync);
        await app.StartAsync();
        return site;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ServeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay);
        if (_failures.TryGetValue(path, out var failure) && failure.Times > 0)
        {
            _failures[path] = failure with { Times = failure.Times - 1 };
            Requests.Enqueue((path, failure.Status));
            http.Response.StatusCode = failure.Status;
            return;
        }

        if (!_pages.TryGetValue(path, out var page))
        {
            Requests.Enqueue((path, 404));
            http.Response.StatusCode = 404;
            return;
        }

        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(page.Body)))[..16]}\"";
        if (http.Request.Headers.IfNoneMatch == etag)
        {
            Requests.Enqueue((path, 304));
            http.Response.StatusCode = 304;
            return;
        }

        Requests.Enqueue((path, 200));
        http.Response.ContentType = page.ContentType;
        http.Response.Headers.ETag = etag;
        await http.Response.WriteAsync(page.Body);
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Browser.Tests.Infrastructure;

/// <summary>
/// A customer's website on a loopback port: the pages a test writes, served as HTML under any host name
/// (see <see cref="Chromium"/>), so the same page can be opened from an allowed and a refused origin.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _pages = new(StringComparer.Ordinal);
    private WebApplication _app = null!;

    public int Port { get; private set; }

    public static async Task<TestSite> StartAsync()
    {
        var site = new TestSite();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        site._app = builder.Build();
        site._app.MapGet("/favicon.ico", () => Results.NoContent());
        site._app.MapGet("/{**path}", (string? path) =>
            site._pages.TryGetValue("/" + path, out var html) ? Results.Content(html, "text/html; charset=utf-8") : Results.NotFound());
        await site._app.StartAsync();
        site.Port = new Uri(site._app.Urls.First()).Port;
        return site;
    }

    /// <summary>Publishes a page and returns its address under <paramref name="host"/>.</summary>
    public string Publish(string path, string html, string host = "shop.test")
    {
        _pages[path] = html;
        return Url(host, path);
    }

    public string Url(string host, string path) => $"http://{host}:{Port}{path}";

    /// <summary>
    /// A shop page with the given snippet, whose own CSS is deliberately hostile, to show that it cannot
    /// reach into the widget.
    /// </summary>
    public static string ShopPage(string snippet) =>
        $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Acme Shop</title>
          <style>
            body { font-family: Georgia, serif; background: #fdf6e3; margin: 0; padding: 40px; }
            button { background: hotpink !important; border: 4px dashed green !important; font-size: 30px !important; }
            p, li, a { color: orange !important; letter-spacing: 4px; }
            textarea, input { display: none !important; }
          </style>
        </head>
        <body>
          <h1>Acme Shop</h1>
          <p>Hand-made mugs, shipped across Europe.</p>
          <button type="button">Buy now</button>
          {{snippet}}
        </body>
        </html>
        """;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Knowledge.Fetching;

/// <summary>
/// A web site on 127.0.0.1 that misbehaves on request: redirect chains, redirects anywhere, bodies that
/// never end, answers that never come, and a page that honours conditional requests.
/// </summary>
public sealed class LoopbackSite : IAsyncDisposable
{
    public const string PageETag = "\"v1\"";
    public static readonly DateTimeOffset PageModified = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public const string PageHtml = "<!doctype html><title>Shipping</title><h1>Shipping</h1><p>We ship in 2 days.</p>";

    private readonly WebApplication _app;

    private LoopbackSite(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string UserAgent)> Requests { get; } = new();

    public Uri Root => new(_app.Urls.First() + "/");

    public int Port => Root.Port;

    public Uri Url(string pathAndQuery) => new(Root, pathAndQuery);

    public static async Task<LoopbackSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new LoopbackSite(app);
        app.Use((context, next) =>
        {
            site.Requests.Enqueue((context.Request.Path.Value ?? "", context.Request.Headers.UserAgent.ToString()));
            return next(context);
        });

        app.MapGet("/page", (HttpContext context) =>
        {
            context.Response.Headers.ETag = PageETag;
            context.Response.Headers.LastModified = PageModified.ToString("R");
            var request = context.Request.Headers;
            if (request.IfNoneMatch == PageETag
                || (DateTimeOffset.TryParse(request.IfModifiedSince, out var since) && since >= PageModified))
                return Results.StatusCode(304);
            return Results.Text(PageHtml, "text/html; charset=utf-8");
        });
        app.MapGet("/chain/{n:int}", (int n) => Results.Redirect(n <= 1 ? "/page" : $"/chain/{n - 1}"));
        app.MapGet("/to", (string url) => Results.Redirect(url));
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapGet("/latin1", () => Results.Bytes(Encoding.Latin1.GetBytes("<p>Caf\u00e9 cr\u00e8me</p>"), "text/html; charset=iso-8859-1"));
        app.MapGet("/meta-charset", () => Results.Bytes(
            Encoding.Latin1.GetBytes("<html><head><meta charset=\"windows-1252\"></head><body>na\u00efve</body></html>"), "text/html"));
        app.MapGet("/claims-huge", async (HttpContext context) =>
        {
            context.Response.ContentLength = 1L << 40;
            await context.Response.StartAsync(context.RequestAborted);
            // Kestrel does not notice this client hanging up, so the pause is short.
            await Pause(context, TimeSpan.FromSeconds(1));
        });
        app.MapGet("/endless", async (HttpContext context) =>
        {
            // Bounded all the same: 64 MiB, or until the client hangs up.
            context.Response.ContentType = "text/plain";
            var block = Encoding.ASCII.GetBytes(new string('x', 16 * 1024));
            for (var i = 0; i < 4096 && !context.RequestAborted.IsCancellationRequested; i++)
                await context.Response.Body.WriteAsync(block, context.RequestAborted);
        });
        app.MapGet("/gzip-bomb", async (HttpContext context) =>
        {
            // 4 MiB of zeros that travel as a few kilobytes.
            using var packed = new MemoryStream();
            await using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
                await gzip.WriteAsync(new byte[4 * 1024 * 1024]);
            context.Response.ContentType = "text/plain";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = packed.Length;
            await context.Response.Body.WriteAsync(packed.ToArray(), context.RequestAborted);
        });
        app.MapGet("/stall", async (HttpContext context) => await Pause(context, TimeSpan.FromSeconds(15)));
        app.MapGet("/stall-body", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<p>First part", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Pause(context, TimeSpan.FromSeconds(15));
        });

        await app.StartAsync();
        return site;
    }

    private static async Task Pause(HttpContext context, TimeSpan duration)
    {
        try
        {
            await Task.Delay(duration, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

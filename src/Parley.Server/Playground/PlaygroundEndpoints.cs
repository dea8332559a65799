using System.Collections.Frozen;
using Parley.Server.Hosting;

namespace Parley.Server.Playground;

public static class PlaygroundEndpoints
{
    /// <summary>
    /// The Playground is static HTML, CSS and JavaScript that calls the admin API like any other client, with
    /// the key a person signs in with. Nothing it shows is written into markup, so the policy forbids inline
    /// script and style, and the page cannot be framed.
    /// </summary>
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: http: https:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private const string Prefix = "playground/";

    private static readonly Lazy<FrozenDictionary<string, EmbeddedAsset>> Assets = new(LoadAssets);

    public static IEndpointRouteBuilder MapPlayground(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/playground").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/", (HttpContext http) => Assets.Value["index.html"].Serve(http, Policy));
        group.MapGet("/{file}", (string file, HttpContext http) =>
            file != "index.html" && Assets.Value.TryGetValue(file, out var asset) ? asset.Serve(http) : Results.NotFound());
        // A vendored library keeps its own folder, beside its licence (vendor/uplot/uPlot.iife.min.js).
        group.MapGet("/vendor/{library}/{file}", (string library, string file, HttpContext http) =>
            Assets.Value.TryGetValue($"vendor/{library}/{file}", out var asset) ? asset.Serve(http) : Results.NotFound());
        return app;
    }

    private static FrozenDictionary<string, EmbeddedAsset> LoadAssets() =>
        typeof(PlaygroundEndpoints).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[Prefix.Length..], name => EmbeddedAsset.Load(name, ContentType(name)), StringComparer.Ordinal);

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        "" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}

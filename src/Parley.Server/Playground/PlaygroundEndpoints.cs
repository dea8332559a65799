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

    private static readonly Lazy<EmbeddedAsset> Page = new(() => EmbeddedAsset.Load("playground/index.html", "text/html; charset=utf-8"));
    private static readonly Lazy<EmbeddedAsset> Script = new(() => EmbeddedAsset.Load("playground/playground.js", "text/javascript; charset=utf-8"));
    private static readonly Lazy<EmbeddedAsset> Styles = new(() => EmbeddedAsset.Load("playground/playground.css", "text/css; charset=utf-8"));

    public static IEndpointRouteBuilder MapPlayground(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/playground").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/", (HttpContext http) => Page.Value.Serve(http, Policy));
        group.MapGet("/playground.js", (HttpContext http) => Script.Value.Serve(http));
        group.MapGet("/playground.css", (HttpContext http) => Styles.Value.Serve(http));
        return app;
    }
}

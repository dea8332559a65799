using System.Collections.Frozen;
using Microsoft.Net.Http.Headers;
using Parley.Server.Hosting;

namespace Parley.Server.DemoBot;

/// <summary>
/// Parley's documentation at <c>/docs/</c>, where the demo bot's citations link: each page as HTML for people,
/// and as the Markdown it is written in for tools, asked for with <c>?raw</c> (a link a browser can follow)
/// or <c>Accept: text/markdown</c> (what a client that wants Markdown sends).
/// </summary>
public static class DocsEndpoints
{
    /// <summary>The pages are Parley's own text with no script; they need their stylesheet and nothing else.</summary>
    private const string Policy =
        "default-src 'none'; style-src 'self'; img-src 'self' data: https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<FrozenDictionary<string, (EmbeddedAsset Html, EmbeddedAsset Markdown)>> Pages = new(LoadPages);

    private static readonly Lazy<EmbeddedAsset> IndexPage = new(() => EmbeddedAsset.From(
        DocsPage.Index(ParleyDocs.Names.OrderBy(n => n == "getting-started.md" ? 0 : 1).Select(n => (n, ParleyDocs.TitleOf(n, ParleyDocs.Read(n)!)))),
        "text/html; charset=utf-8"));

    private static readonly Lazy<EmbeddedAsset> Style = new(() => EmbeddedAsset.Load("docs-page/docs.css", "text/css; charset=utf-8"));

    public static IEndpointRouteBuilder MapParleyDocs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/docs").ExcludeFromDescription().AllowAnonymous();
        // Relative links need the slash: from /docs, "widget.md" would be /widget.md.
        group.MapGet("/", (HttpContext http) =>
            http.Request.Path.Value!.EndsWith('/') ? IndexPage.Value.Serve(http, Policy) : Results.Redirect("docs/"));
        group.MapGet("/docs.css", (HttpContext http) => Style.Value.Serve(http));
        group.MapGet("/{name}", Page);
        return app;
    }

    private static IResult Page(string name, HttpContext http)
    {
        if (!Pages.Value.TryGetValue(name, out var page))
            return Results.NotFound();
        var result = WantsMarkdown(http.Request) ? page.Markdown.Serve(http) : page.Html.Serve(http, Policy);
        http.Response.Headers.Vary = $"{HeaderNames.Accept}, {HeaderNames.AcceptEncoding}";
        return result;
    }

    private static bool WantsMarkdown(HttpRequest request)
    {
        if (request.Query.ContainsKey("raw"))
            return true;
        var accept = request.GetTypedHeaders().Accept;
        return Quality(accept, "text/markdown", "text/x-markdown") > Quality(accept, "text/html");
    }

    private static double Quality(IList<MediaTypeHeaderValue> accept, params string[] types) =>
        accept.Where(a => types.Contains(a.MediaType.Value, StringComparer.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();

    private static FrozenDictionary<string, (EmbeddedAsset, EmbeddedAsset)> LoadPages() =>
        ParleyDocs.Names.ToFrozenDictionary(name => name, LoadPage, StringComparer.Ordinal);

    private static (EmbeddedAsset Html, EmbeddedAsset Markdown) LoadPage(string name)
    {
        var markdown = ParleyDocs.Read(name)!;
        return (EmbeddedAsset.From(DocsPage.Render(name, markdown), "text/html; charset=utf-8"), EmbeddedAsset.From(markdown, "text/markdown; charset=utf-8"));
    }
}

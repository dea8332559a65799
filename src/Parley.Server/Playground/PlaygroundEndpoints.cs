namespace Parley.Server.Playground;

public static class PlaygroundEndpoints
{
    /// <summary>
    /// Until the Playground UI lands, its address says where to go instead of answering 404.
    /// </summary>
    public static IEndpointRouteBuilder MapPlayground(this IEndpointRouteBuilder app)
    {
        app.MapGet("/playground", () => Results.Content(
                """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parley</title></head>
                <body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
                <h1>Parley</h1>
                <p>The Playground is not built yet. Meanwhile the admin API is described at
                <a href="/openapi/v1.json">/openapi/v1.json</a> and the documentation at
                <a href="/docs/getting-started.md">/docs/getting-started.md</a>.</p>
                </body></html>
                """, "text/html; charset=utf-8"))
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }
}

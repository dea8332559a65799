namespace Parley.Server.DemoBot;

public static class DemoBotExtensions
{
    public static IServiceCollection AddParleyDemoBot(this IServiceCollection services)
    {
        services.AddOptions<DemoBotOptions>().BindConfiguration(DemoBotOptions.Section);
        services.AddSingleton<DemoBotSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoBotSeeder>());
        return services;
    }

    public static IEndpointRouteBuilder MapParleyDocs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/docs/{name}", (string name) => ParleyDocs.Read(name) is { } markdown
                ? Results.Text(markdown, "text/markdown; charset=utf-8")
                : Results.NotFound())
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }
}

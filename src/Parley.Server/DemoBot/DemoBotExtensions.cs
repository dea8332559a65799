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
}

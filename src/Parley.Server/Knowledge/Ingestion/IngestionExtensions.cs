using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Knowledge.Ingestion;

public static class IngestionExtensions
{
    public static IServiceCollection AddParleyIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FetchOptions>().BindConfiguration(FetchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebFetcher>();
        services.AddSingleton<PageIndexer>();
        services.AddSingleton<RobotsTxtFetcher>();
        services.AddSingleton<SourceSync>();
        services.AddSingleton<IngestionSignal>();
        services.AddHostedService<IngestionWorker>();
        return services;
    }
}

namespace Parley.Server.Knowledge;

public static class KnowledgeExtensions
{
    public static IServiceCollection AddParleyKnowledge(this IServiceCollection services)
    {
        services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Index.KnowledgeIndexes>();
        services.AddSingleton<KnowledgeRetriever>();
        services.AddSingleton<SourceIngestor>();
        return services;
    }
}

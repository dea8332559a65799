using Parley.Server.Insights.Grouping;

namespace Parley.Server.Insights;

public static class InsightsExtensions
{
    public static IServiceCollection AddParleyInsights(this IServiceCollection services)
    {
        services.AddSingleton<InsightsReport>();
        services.AddSingleton<QuestionsCsv>();
        services.AddHostedService<QuestionGroupingWorker>();
        return services;
    }
}

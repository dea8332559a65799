using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Insights;
using Parley.Core.Knowledge;
using Parley.Core.Workspaces;

namespace Parley.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// Registers every store on one PostgreSQL database (migrated on first use) and keeps the Data
    /// Protection key ring there too, so any number of replicas share both.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new PostgresDatabase(connectionString));
        services.AddSingleton<IWorkspaceStore, PostgresWorkspaceStore>();
        services.AddSingleton<IBotStore, PostgresBotStore>();
        services.AddSingleton<IKnowledgeStore, PostgresKnowledgeStore>();
        services.AddSingleton<ISavedAnswerStore, PostgresSavedAnswerStore>();
        services.AddSingleton<IConversationStore, PostgresConversationStore>();
        services.AddSingleton<IFeedbackStore, PostgresFeedbackStore>();
        services.AddSingleton<IInsightsStore, PostgresInsightsStore>();
        services.AddSingleton<IQuestionGroupStore, PostgresQuestionGroupStore>();
        services.AddSingleton<IRefusedOriginStore, PostgresRefusedOriginStore>();
        services.AddSingleton<IIngestionStore, PostgresIngestionStore>();
        services.AddSingleton<ChunkStatistics>();
        services.AddSingleton<TermFrequencies>();
        services.AddSingleton<IKnowledgeSearch, PostgresKnowledgeSearch>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new PostgresXmlRepository(provider.GetRequiredService<PostgresDatabase>())));
        return services;
    }
}

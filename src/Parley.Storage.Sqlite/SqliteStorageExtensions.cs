using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Insights;
using Parley.Core.Knowledge;
using Parley.Core.Workspaces;

namespace Parley.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>Registers every store on one SQLite file, created and migrated on first use.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, Func<IServiceProvider, string> path)
    {
        services.AddSingleton(provider => new SqliteDatabase(path(provider)));
        services.AddSingleton<IWorkspaceStore, SqliteWorkspaceStore>();
        services.AddSingleton<IBotStore, SqliteBotStore>();
        services.AddSingleton<IKnowledgeStore, SqliteKnowledgeStore>();
        services.AddSingleton<ISavedAnswerStore, SqliteSavedAnswerStore>();
        services.AddSingleton<IConversationStore, SqliteConversationStore>();
        services.AddSingleton<IFeedbackStore, SqliteFeedbackStore>();
        services.AddSingleton<IInsightsStore, SqliteInsightsStore>();
        services.AddSingleton<IQuestionGroupStore, SqliteQuestionGroupStore>();
        services.AddSingleton<IRefusedOriginStore, SqliteRefusedOriginStore>();
        services.AddSingleton<IIngestionStore, SqliteIngestionStore>();
        return services;
    }
}

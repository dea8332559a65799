using Parley.Server.Tests.Auth;
using Parley.Server.Tests.Bots;
using Parley.Server.Tests.Chat;
using Parley.Server.Tests.Chat.Failures;
using Parley.Server.Tests.Chat.Providers;
using Parley.Server.Tests.Conformance;
using Parley.Server.Tests.Conversations;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure.Services;
using Parley.Server.Tests.Knowledge;
using Parley.Server.Tests.Knowledge.Ingestion;
using Parley.Server.Tests.Privacy;
using Parley.Server.Tests.Widget;
using Parley.Server.Tests.Workspaces;

namespace Parley.Server.Tests.Storage;

// One contract suite, two backends: each class below runs every test of the API behaviour class it derives
// from again, unchanged, against a server on PostgreSQL (a fresh database of the run's throwaway cluster).
// There are no PostgreSQL-only tests here: the backend passes exactly the suite SQLite passes.

public sealed class WorkspaceApiOnPostgres : WorkspaceApiTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class WorkspaceKeysOnPostgres : WorkspaceKeyTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class ApiKeyApiOnPostgres : ApiKeyApiTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class BotApiOnPostgres : BotApiTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class BotSettingsOnPostgres : BotSettingsTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class RefusedOriginsApiOnPostgres : RefusedOriginsApiTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class ConversationApiOnPostgres : ConversationApiTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class SourceApiOnPostgres : SourceApiTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class SourcePagesOnPostgres : SourcePagesTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class SourceEditingOnPostgres : SourceEditingTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class FileUploadOnPostgres : FileUploadTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class WebSourcesOnPostgres : WebSourceTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class ScheduledSyncOnPostgres : ScheduledSyncTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class ContinuationOnPostgres : ContinuationTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class CreditsOnPostgres : CreditsTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class StreamFormatOnPostgres : StreamFormatTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class AccessRulesOnPostgres : AccessRulesTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class RequestValidationOnPostgres : RequestValidationTests
{
    protected override Backend Backend => Backend.Postgres;
}

/// <summary>The scale-out configuration: rate limits counted in Redis must hold exactly as the in-process ones do.</summary>
public sealed class RateLimitsOnPostgresAndRedis : RateLimitTests
{
    protected override Backend Backend => Backend.PostgresAndRedis;
}

/// <summary>The scale-out configuration: conversation turn locks held in Redis must serialise turns as the in-process ones do.</summary>
public sealed class ConcurrentTurnsOnPostgresAndRedis : ConcurrentTurnsTests
{
    protected override Backend Backend => Backend.PostgresAndRedis;
}

/// <summary>A server killed mid-crawl on PostgreSQL: its job's lease runs out and the next server finishes it, no page lost or doubled.</summary>
public sealed class CrashRecoveryOnPostgres : CrashRecoveryTests
{
    private string? _database;

    protected override async Task<IReadOnlyDictionary<string, string>> BackendSettingsAsync()
    {
        _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        return new Dictionary<string, string>
        {
            ["Parley__Storage__Provider"] = "postgres",
            ["Parley__Storage__ConnectionString"] = _database,
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
            await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);
    }
}

public sealed class BotEmbeddingModelOnPostgres : BotEmbeddingModelTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class FeedbackApiOnPostgres : FeedbackApiTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class AuthenticationOnPostgres : AuthenticationTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class KeyStorageOnPostgres : KeyStorageTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class ModelSettingsOnPostgres : ModelSettingsTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class WebSearchSettingsOnPostgres : WebSearchSettingsTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class OriginRulesOnPostgres : OriginRulesTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class RecaptchaOnPostgres : RecaptchaTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class FiltersAndFailuresOnPostgres : FiltersAndFailuresTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class FailureReasonsOnPostgres : FailureReasonsTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class AnswerFiltersOnPostgres : AnswerFiltersTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class PiiAllowOnPostgres : PiiAllowTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class DegradationOnPostgres : DegradationTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class DisconnectOnPostgres : DisconnectTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class UsageAndCostOnPostgres : UsageAndCostTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class PromptAssemblyOnPostgres : PromptAssemblyTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class ExtractiveAnswerOnPostgres : ExtractiveAnswerTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class ExtractiveSectionContextOnPostgres : ExtractiveSectionContextTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class WebSearchOnPostgres : WebSearchTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class OpenAIProviderOnPostgres : OpenAIProviderTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class AnthropicProviderOnPostgres : AnthropicProviderTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class PrivateEndpointOnPostgres : PrivateEndpointTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class SearchApiOnPostgres : SearchApiTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class RetrievalDeterminismOnPostgres : RetrievalDeterminismTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class RemoteEmbeddingsOnPostgres : RemoteEmbeddingsTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class ReembeddingOnPostgres : ReembeddingTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class BotEmbeddingEndpointGuardOnPostgres : BotEmbeddingEndpointGuardTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class PrivateNetworkOnPostgres : PrivateNetworkTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class WidgetConfigApiOnPostgres : WidgetConfigApiTests
{
    protected override Backend Backend => Backend.Postgres;
}

/// <summary>The reference document's examples, run unchanged against a server on PostgreSQL.</summary>
public sealed class SeedExamplesOnPostgres(ExampleServerOnPostgres server) : SeedExamplesTests(server), IClassFixture<ExampleServerOnPostgres>;

/// <summary>The examples of docs/chat-api.md, run unchanged against a server on PostgreSQL.</summary>
public sealed class ChatApiExamplesOnPostgres(ExampleServerOnPostgres server) : ChatApiExamplesTests(server), IClassFixture<ExampleServerOnPostgres>;

// On PostgreSQL, knowledge is searched in the database by default; a deployment may keep in-memory indexes
// instead (Parley:Retrieval:InDatabase=false). The retrieval-heavy classes run again that way.

public sealed class ContinuationWithInMemoryIndexOnPostgres : ContinuationTests
{
    protected override Backend Backend => Backend.Postgres;

    protected override void ConfigureBackend(ParleyApp app) => app.With("Parley:Retrieval:InDatabase", "false");
}

public sealed class SourceApiWithInMemoryIndexOnPostgres : SourceApiTests
{
    protected override Backend Backend => Backend.Postgres;

    protected override void ConfigureBackend(ParleyApp app) => app.With("Parley:Retrieval:InDatabase", "false");
}

public sealed class RetrievalDeterminismWithInMemoryIndexOnPostgres : RetrievalDeterminismTests
{
    protected override Backend Backend => Backend.Postgres;

    protected override void ConfigureBackend(ParleyApp app) => app.With("Parley:Retrieval:InDatabase", "false");
}

public sealed class UnknownNamesOnPostgres : UnknownNamesTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class RetentionOnPostgres : RetentionTests
{
    protected override Backend Backend => Backend.Postgres;
}

public sealed class RetentionSettingOnPostgres : RetentionSettingTests
{
    protected override Backend Backend => Backend.Postgres;
}

/// <summary>Erasure waits on turn locks; in the scale-out configuration they are Redis's.</summary>
public sealed class VisitorErasureOnPostgresAndRedis : VisitorErasureTests
{
    protected override Backend Backend => Backend.PostgresAndRedis;
}

public sealed class SavedAnswersOnPostgres : Chat.SavedAnswers.SavedAnswerTests
{
    protected override Backend Backend => Backend.Postgres;
}

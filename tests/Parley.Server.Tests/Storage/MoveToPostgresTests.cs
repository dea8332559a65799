using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Parley.Client;
using Parley.Server.Tests.Hosting;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Storage;

/// <summary>
/// Moving up: the server binary's <c>export</c> writes an embedded deployment to an archive and <c>import</c>
/// loads it into PostgreSQL, where a server then serves everything exactly as before.
/// </summary>
public sealed class MoveToPostgresTests : IAsyncLifetime
{
    private const string Secret = "sk-provider-secret-4242";

    private readonly string _data = Directory.CreateTempSubdirectory("parley-move-").FullName;
    private string _database = null!;
    private FakeSite _site = null!;

    public async Task InitializeAsync()
    {
        _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        _site = await FakeSite.StartAsync();
        _site.Page("/", FakeSite.Html("Welcome", "<p>Kettle Co sells kettles and spare lids.</p>", "/help/lids"));
        _site.Page("/help/lids", FakeSite.Html("Spare lids", "<p>A spare lid for the Aurora kettle costs 9 euros and ships in two days.</p>"));
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_deployment_exported_from_sqlite_and_imported_into_postgresql_loses_nothing()
    {
        string workspaceId, botId, conversationId, workspaceKey, protectedSecret;
        Snapshot before;
        ChatAnswer answerBefore;
        await using (var embedded = await ParleyApp.StartAsync(a => a.WithDataDirectory(_data).With("Parley:Knowledge:AllowPrivateNetworks", "true")))
        {
            using var admin = embedded.Admin();
            workspaceId = await admin.CreateWorkspaceAsync(credits: 123.456m);
            workspaceKey = await admin.CreateWorkspaceKeyAsync(workspaceId);
            botId = await admin.CreateKnowledgeableBotAsync(new { name = "Moving bot", welcome_message = "Hello from before the move" }, workspaceId);
            await admin.AddQaAsync(botId, "Do you deliver on Sundays?", "No, deliveries run Monday to Saturday.");
            var crawl = await admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/"), max_pages = 10, max_depth = 2 });
            await admin.WaitForSyncAsync(botId, crawl);

            var chat = embedded.PublicChat();
            var first = await chat.AskAsync(new ChatRequest(botId, "Can I return an item?", "moving-visitor"));
            await chat.AskAsync(new ChatRequest(botId, "How much is a spare lid?", "moving-visitor", first.ConversationId));
            conversationId = first.ConversationId;
            answerBefore = await chat.AskAsync(new ChatRequest(botId, "Is limescale damage covered by the warranty?", ChatStreams.NewSession()));
            protectedSecret = embedded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Parley.Secrets").Protect(Secret);
            before = await Snapshot.TakeAsync(admin, workspaceId, botId, conversationId);
        }

        var archive = Path.Combine(_data, "deployment.parley");
        var exported = await RunServerCommandAsync(["export", archive], new() { ["PARLEY_DATA_DIR"] = _data });
        Assert.True(exported.ExitCode == 0, exported.ToString());
        var imported = await RunServerCommandAsync(["import", archive], new() { ["Parley__Storage__ConnectionString"] = _database });
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("chunks: ", imported.StandardOutput, StringComparison.Ordinal);
        // Every chunk arrived with its embedding (nothing for a re-embedding worker to redo after the move).
        await using (var db = new Npgsql.NpgsqlConnection(_database))
        {
            await db.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand("SELECT count(*), count(embedding) FROM chunks", db);
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.True(reader.GetInt64(0) > 3);
            Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
        }

        await using var moved = await ParleyApp.StartAsync(a => a.WithPostgresDatabase(_database));
        using var movedAdmin = moved.Admin();
        var after = await Snapshot.TakeAsync(movedAdmin, workspaceId, botId, conversationId);

        Assert.Equal(before.Workspace, after.Workspace);
        Assert.Equal(before.Bot, after.Bot);
        Assert.Equal(before.Sources, after.Sources);
        Assert.Equal(before.Conversation, after.Conversation);

        // Knowledge and its embeddings arrived whole: the same question gets the same answer and citations.
        var answerAfter = await moved.PublicChat().AskAsync(new ChatRequest(botId, "Is limescale damage covered by the warranty?", ChatStreams.NewSession()));
        Assert.Equal(answerBefore.Text, answerAfter.Text);
        Assert.Equal(answerBefore.Citations!.Select(c => (c.SourceId, c.Score)), answerAfter.Citations!.Select(c => (c.SourceId, c.Score)));

        // The workspace's key still works, secrets encrypted before the move still decrypt, and the conversation goes on.
        using var keyClient = moved.NewHttpClient(workspaceKey);
        Assert.True((await keyClient.GetAsync($"/v1/bots/{botId}")).IsSuccessStatusCode);
        Assert.Equal(Secret, moved.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Parley.Secrets").Unprotect(protectedSecret));
        await moved.PublicChat().AskAsync(new ChatRequest(botId, "Do you deliver on Sundays?", "moving-visitor", conversationId));
        var continued = await movedAdmin.GetAsync($"/v1/conversations/{conversationId}");
        Assert.Equal(6, continued.GetProperty("messages").GetArrayLength());
        Assert.Equal("Do you deliver on Sundays?", continued.GetProperty("messages")[4].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Importing_into_a_database_that_already_holds_a_deployment_is_refused_and_changes_nothing()
    {
        await using (var embedded = await ParleyApp.StartAsync(a => a.WithDataDirectory(_data)))
        {
            using var admin = embedded.Admin();
            await admin.CreateBotAsync();
        }

        var archive = Path.Combine(_data, "deployment.parley");
        Assert.Equal(0, (await RunServerCommandAsync(["export", archive], new() { ["PARLEY_DATA_DIR"] = _data })).ExitCode);
        Assert.Equal(0, (await RunServerCommandAsync(["import", archive], new() { ["Parley__Storage__ConnectionString"] = _database })).ExitCode);

        var again = await RunServerCommandAsync(["import", archive], new() { ["Parley__Storage__ConnectionString"] = _database });

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds a deployment", again.StandardError, StringComparison.Ordinal);
        await using var moved = await ParleyApp.StartAsync(a => a.WithPostgresDatabase(_database));
        using var movedAdmin = moved.Admin();
        Assert.Single((await movedAdmin.GetAsync("/v1/bots")).EnumerateArray());
    }

    private static Task<ProcessResult> RunServerCommandAsync(IReadOnlyList<string> arguments, Dictionary<string, string> environment) =>
        ProcessRunner.RunAsync(ServerProcess.DotnetHost, [ServerProcess.ServerAssembly(), .. arguments], environment: environment, timeout: TimeSpan.FromSeconds(120));

    /// <summary>What the admin API shows of a deployment, as raw JSON, to compare before and after.</summary>
    private sealed record Snapshot(string Workspace, string Bot, string Sources, string Conversation)
    {
        public static async Task<Snapshot> TakeAsync(AdminApi admin, string workspaceId, string botId, string conversationId) => new(
            Raw(await admin.GetAsync($"/v1/workspaces/{workspaceId}")),
            Raw(await admin.GetAsync($"/v1/bots/{botId}")),
            Raw(await admin.GetAsync($"/v1/bots/{botId}/sources")),
            Raw(await admin.GetAsync($"/v1/conversations/{conversationId}")));

        private static string Raw(JsonElement element) => element.GetRawText();
    }
}

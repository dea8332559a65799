using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Privacy;

/// <summary>
/// Every replica of a scaled-out deployment sweeps for expired conversations at the same moment: together they delete
/// each one once, without an error, and nothing that is not due.
/// </summary>
public sealed partial class RetentionReplicaTests : IAsyncLifetime
{
    private const int Expired = 24;

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CapturedLogs _logs = new();
    private readonly List<ParleyApp> _apps = [];
    private string _database = null!;

    public async Task InitializeAsync() => _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
            await app.DisposeAsync();
        await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task Replicas_sweeping_one_database_at_once_delete_each_expired_conversation_once_and_keep_the_rest()
    {
        var replicas = new List<ParleyApp>();
        for (var i = 0; i < 3; i++)
            replicas.Add(await StartReplicaAsync());
        using var admin = replicas[0].Admin();
        var workspace = await admin.CreateWorkspaceAsync();
        await admin.PatchAsync($"/v1/workspaces/{workspace}", new { retention_days = 1 });
        var botId = await admin.CreateBotAsync(workspaceId: workspace);
        await Task.WhenAll(Enumerable.Range(0, Expired).Select(i =>
            replicas[i % replicas.Count].PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()))));

        // One tick for all three: their sweeps run together, in batches of two.
        _clock.Advance(TimeSpan.FromDays(2));
        var recent = await replicas[1].PublicChat().AskAsync(new ChatRequest(botId, "Do you ship abroad?", ChatStreams.NewSession()));

        for (var attempt = 0; attempt < 200 && DeletedInLogs() < Expired; attempt++)
            await Task.Delay(50);
        Assert.Equal(Expired, DeletedInLogs());
        var left = (await admin.GetAsync($"/v1/bots/{botId}/conversations")).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal([recent.ConversationId], left);
        Assert.DoesNotContain(_logs.Lines, line => line.Contains("past their retention failed", StringComparison.Ordinal));
    }

    private int DeletedInLogs() =>
        _logs.Lines.Select(line => DeletedLine().Match(line)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Deleted (\d+) conversations")]
    private static partial Regex DeletedLine();

    private async Task<ParleyApp> StartReplicaAsync()
    {
        var app = await ParleyApp.StartAsync(a => a
            .WithPostgresDatabase(_database)
            .With("Parley:Embeddings:Provider", "none")
            .With("Parley:Privacy:RetentionSweepSeconds", "60")
            .With("Parley:Privacy:RetentionBatchSize", "2")
            .WithServices(services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
                services.AddSingleton<ILoggerProvider>(_logs);
            }));
        _apps.Add(app);
        return app;
    }
}

using Npgsql;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Storage;

/// <summary>
/// PostgreSQL plans the knowledge search well only once ANALYZE has seen the bot's chunks (without statistics it
/// may read all of them instead of looking terms up in the GIN index), so new knowledge is analyzed soon after it
/// arrives, without waiting for autovacuum.
/// </summary>
public sealed class PlannerStatisticsTests : IAsyncLifetime
{
    private string _database = null!;

    public async Task InitializeAsync() => _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();

    public async Task DisposeAsync() => await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);

    [Fact]
    public async Task Knowledge_added_through_the_api_gets_planner_statistics_within_seconds()
    {
        await using var app = await ParleyApp.StartAsync(a => a.WithPostgresDatabase(_database).With("Parley:Embeddings:Provider", "none"));
        using var admin = app.Admin();
        Assert.Null(await LastAnalyzedAsync());

        await admin.CreateKnowledgeableBotAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await LastAnalyzedAsync() is null && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        Assert.NotNull(await LastAnalyzedAsync());
    }

    // Only ANALYZE run by a client counts: autovacuum's own (last_autoanalyze) is what is not waited for.
    private async Task<DateTime?> LastAnalyzedAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'chunks'", connection);
        return await query.ExecuteScalarAsync() as DateTime?;
    }
}

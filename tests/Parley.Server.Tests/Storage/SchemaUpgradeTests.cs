using System.Net;
using Npgsql;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Storage;

/// <summary>A PostgreSQL deployment upgraded in place keeps finding the knowledge it stored before.</summary>
public sealed class SchemaUpgradeTests : IAsyncLifetime
{
    private string _database = null!;

    public async Task InitializeAsync() => _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();

    public async Task DisposeAsync() => await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);

    [Fact]
    public async Task Chunks_stored_before_search_terms_existed_are_found_by_words_after_the_upgrade()
    {
        string botId;
        await using (var before = await StartAsync())
        {
            using var admin = before.Admin();
            botId = await admin.CreateKnowledgeableBotAsync();
        }

        // Put the database back as the release before search terms left it: migration 4 not applied, chunks
        // without terms, the old generated column in their place.
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            await using var downgrade = new NpgsqlCommand(
                """
                ALTER TABLE chunks DROP COLUMN terms;
                ALTER TABLE chunks ADD COLUMN search tsvector
                    GENERATED ALWAYS AS (to_tsvector('simple', page_title || ' ' || coalesce(heading, '') || ' ' || text)) STORED;
                CREATE INDEX chunks_search ON chunks USING gin (search);
                DELETE FROM schema_migrations WHERE version >= 4;
                """, connection);
            await downgrade.ExecuteNonQueryAsync();
        }

        await using var after = await StartAsync();
        using var upgraded = after.Admin();
        var reply = await upgraded.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", new { query = "How long do refunds take?" });

        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Refund policy", reply.Json.GetProperty("passages")[0].GetProperty("page_title").GetString());
    }

    // Without embeddings only the words can find a chunk, so the terms the upgrade wrote are what is tested.
    private Task<ParleyApp> StartAsync() =>
        ParleyApp.StartAsync(app => app.WithPostgresDatabase(_database).With("Parley:Embeddings:Provider", "none"));
}

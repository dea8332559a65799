using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Storage;

/// <summary>
/// Conversations stored before Parley kept channels and titles get them on the upgrade, on either backend: the first
/// question as the title, and the Playground's channel for the sessions the Playground has always named playground-….
/// </summary>
public sealed class ConversationUpgradeTests
{
    // The migration that adds channels, titles and failures; the database is put back as it was before it.
    private const int ChannelsVersion = 9;

    [Fact]
    public async Task An_embedded_deployment_upgraded_in_place_titles_its_conversations_and_finds_the_playgrounds()
    {
        var data = Directory.CreateTempSubdirectory("parley-upgrade-").FullName;
        try
        {
            string botId;
            await using (var before = await ParleyApp.StartAsync(app => app.WithDataDirectory(data).With("Parley:Embeddings:Provider", "none")))
                botId = await SeedAsync(before);

            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "parley.db")};Pooling=false"))
            {
                await connection.OpenAsync();
                await using var downgrade = connection.CreateCommand();
                // Later migrations are undone first, as they would replay too.
                downgrade.CommandText = $"""
                    DROP TABLE written_answers;
                    DROP INDEX messages_for_insights;
                    DROP INDEX feedback_votes;
                    DROP INDEX question_group_members_of_message;
                    DROP INDEX conversations_for_insights;
                    DROP INDEX conversations_by_session;
                    ALTER TABLE workspaces DROP COLUMN retention_days;
                    ALTER TABLE conversations DROP COLUMN channel;
                    ALTER TABLE conversations DROP COLUMN title;
                    ALTER TABLE messages DROP COLUMN failure;
                    ALTER TABLE messages DROP COLUMN outcome;
                    DROP TABLE question_group_members;
                    DROP TABLE question_groups;
                    DROP TABLE saved_questions;
                    ALTER TABLE sources DROP COLUMN hits;
                    ALTER TABLE sources DROP COLUMN last_hit_at;
                    ALTER TABLE messages DROP COLUMN saved_answer_source_id;
                    PRAGMA user_version = {ChannelsVersion - 1};
                    """;
                await downgrade.ExecuteNonQueryAsync();
            }

            // The first server's pooled connections still hold the schema as it was; a restarted process would not.
            SqliteConnection.ClearAllPools();
            await using var after = await ParleyApp.StartAsync(app => app.WithDataDirectory(data).With("Parley:Embeddings:Provider", "none"));
            await AssertUpgradedAsync(after, botId);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_postgresql_deployment_upgraded_in_place_titles_its_conversations_and_finds_the_playgrounds()
    {
        var cluster = await PostgresCluster.GetAsync();
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            string botId;
            await using (var before = await StartAsync(database))
                botId = await SeedAsync(before);

            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync();
                await using var downgrade = new NpgsqlCommand(
                    $"""
                    ALTER TABLE conversations DROP COLUMN channel;
                    ALTER TABLE conversations DROP COLUMN title;
                    ALTER TABLE messages DROP COLUMN failure;
                    DELETE FROM schema_migrations WHERE version >= {ChannelsVersion};
                    """, connection);
                await downgrade.ExecuteNonQueryAsync();
            }

            await using var after = await StartAsync(database);
            await AssertUpgradedAsync(after, botId);
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    private static Task<ParleyApp> StartAsync(string database) =>
        ParleyApp.StartAsync(app => app.WithPostgresDatabase(database).With("Parley:Embeddings:Provider", "none"));

    /// <summary>A visitor's conversation of two turns, and a Playground chat as the Playground has always named its sessions.</summary>
    private static async Task<string> SeedAsync(ParleyApp app)
    {
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        var visitor = await app.PublicChat().AskAsync(new ChatRequest(botId, "How long\ndo refunds take?", "visitor-7d2c"));
        await app.PublicChat().AskAsync(new ChatRequest(botId, "And shipping?", "visitor-7d2c", visitor.ConversationId));
        await new ParleyChatClient(app.NewHttpClient(), ParleyApp.AdminKey)
            .AskAsync(new ChatRequest(botId, new string('x', 90), "playground-0c4f"));
        return botId;
    }

    private static async Task AssertUpgradedAsync(ParleyApp app, string botId)
    {
        using var admin = app.Admin();
        var reply = await admin.Http.GetReplyAsync($"/v1/bots/{botId}/conversations");
        var listed = reply.AssertStatus(HttpStatusCode.OK).Json.EnumerateArray()
            .ToDictionary(c => c.GetProperty("session_id").GetString()!, c => (Channel: c.GetProperty("channel").GetString(), Title: c.GetProperty("title").GetString()));

        Assert.Equal(("public", "How long do refunds take?"), listed["visitor-7d2c"]);
        Assert.Equal(("playground", new string('x', 79) + "…"), listed["playground-0c4f"]);
    }
}

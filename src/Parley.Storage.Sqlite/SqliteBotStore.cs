using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Parley.Core.Bots;
using Parley.Core.Workspaces;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteBotStore(SqliteDatabase db) : IBotStore
{
    public Task CreateAsync(Bot bot, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => Insert(c, tx, bot), ct);

    // The one writer runs writes one after another, so the check and the inserts cannot interleave with another's.
    public Task<bool> CreateFirstAsync(Workspace workspace, Bot bot, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM workspaces", transaction: tx) > 0)
                return false;
            c.Execute(
                "INSERT INTO workspaces (id, name, credits_milli, trial_ends_at, created_at) VALUES (@Id, @Name, @CreditsMilli, @TrialEndsAt, @CreatedAt)",
                new
                {
                    workspace.Id,
                    workspace.Name,
                    CreditsMilli = Credits.ToMilli(workspace.Credits),
                    TrialEndsAt = UnixTime.From(workspace.TrialEndsAt),
                    CreatedAt = UnixTime.From(workspace.CreatedAt),
                }, tx);
            Insert(c, tx, bot);
            return true;
        }, ct);

    public Task<Bot?> GetAsync(string id, CancellationToken ct = default) =>
        db.ReadAsync(c => c.QuerySingleOrDefault<Row>("SELECT data, knowledge_version FROM bots WHERE id = @id", new { id })?.ToBot(), ct);

    public Task<IReadOnlyList<Bot>> ListAsync(string? workspaceId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Bot>>(c => c.Query<Row>(
                "SELECT data, knowledge_version FROM bots WHERE @workspaceId IS NULL OR workspace_id = @workspaceId ORDER BY created_at, id",
                new { workspaceId })
            .Select(row => row.ToBot())
            .ToList(), ct);

    public Task UpdateAsync(Bot bot, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "UPDATE bots SET data = @Data WHERE id = @Id", new { bot.Id, Data = Serialize(bot) }, tx), ct);

    public Task<bool> DeleteAsync(string id, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { id };
            c.Execute("DELETE FROM chunks WHERE bot_id = @id", args, tx);
            c.Execute("DELETE FROM pages WHERE source_id IN (SELECT id FROM sources WHERE bot_id = @id)", args, tx);
            c.Execute("DELETE FROM frontier WHERE source_id IN (SELECT id FROM sources WHERE bot_id = @id)", args, tx);
            c.Execute("DELETE FROM page_visits WHERE source_id IN (SELECT id FROM sources WHERE bot_id = @id)", args, tx);
            c.Execute("DELETE FROM jobs WHERE bot_id = @id", args, tx);
            c.Execute("DELETE FROM saved_questions WHERE bot_id = @id", args, tx);
            c.Execute("DELETE FROM sources WHERE bot_id = @id", args, tx);
            c.Execute("DELETE FROM feedback WHERE bot_id = @id", args, tx);
            c.Execute("DELETE FROM refused_origins WHERE bot_id = @id", args, tx);
            c.Execute("DELETE FROM question_group_members WHERE bot_id = @id", args, tx);
            c.Execute("DELETE FROM question_groups WHERE bot_id = @id", args, tx);
            c.Execute("DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE bot_id = @id)", args, tx);
            c.Execute("DELETE FROM conversations WHERE bot_id = @id", args, tx);
            return c.Execute("DELETE FROM bots WHERE id = @id", args, tx) == 1;
        }, ct);

    private static int Insert(SqliteConnection c, SqliteTransaction tx, Bot bot) => c.Execute(
        "INSERT INTO bots (id, workspace_id, data, created_at) VALUES (@Id, @WorkspaceId, @Data, @CreatedAt)",
        new { bot.Id, bot.WorkspaceId, Data = Serialize(bot), CreatedAt = UnixTime.From(bot.CreatedAt) }, tx);

    private static string Serialize(Bot bot) => JsonSerializer.Serialize(bot, StorageJson.Options);

    private sealed class Row
    {
        public string Data { get; set; } = "";
        public long KnowledgeVersion { get; set; }

        public Bot ToBot() => JsonSerializer.Deserialize<Bot>(Data, StorageJson.Options)! with { KnowledgeVersion = KnowledgeVersion };
    }
}

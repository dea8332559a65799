using System.Text.Json;
using Dapper;
using Npgsql;
using Parley.Core.Bots;
using Parley.Core.Workspaces;

namespace Parley.Storage.Postgres;

internal sealed class PostgresBotStore(PostgresDatabase db) : IBotStore
{
    // An arbitrary constant that names "the first workspace" among advisory locks ("first" in ASCII).
    private const long FirstWorkspaceLock = 0x6669727374;

    public Task CreateAsync(Bot bot, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => InsertAsync(c, tx, bot), ct);

    // Replicas starting at once on an empty database queue on a transaction-scoped advisory lock, so the
    // emptiness check and the inserts are one step: the first creates, the rest see its committed rows.
    public Task<bool> CreateFirstAsync(Workspace workspace, Bot bot, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("SELECT pg_advisory_xact_lock(@FirstWorkspaceLock)", new { FirstWorkspaceLock }, tx);
            var created = await c.ExecuteAsync(
                """
                INSERT INTO workspaces (id, name, credits_milli, trial_ends_at, created_at)
                SELECT @Id, @Name, @CreditsMilli, @TrialEndsAt::bigint, @CreatedAt WHERE NOT EXISTS (SELECT 1 FROM workspaces)
                """,
                new
                {
                    workspace.Id,
                    workspace.Name,
                    CreditsMilli = Credits.ToMilli(workspace.Credits),
                    TrialEndsAt = UnixTime.From(workspace.TrialEndsAt),
                    CreatedAt = UnixTime.From(workspace.CreatedAt),
                }, tx) == 1;
            if (created)
                await InsertAsync(c, tx, bot);
            return created;
        }, ct);

    public Task<Bot?> GetAsync(string id, CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<Row>("SELECT data, knowledge_version FROM bots WHERE id = @id", new { id }))?.ToBot(), ct);

    public Task<IReadOnlyList<Bot>> ListAsync(string? workspaceId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Bot>>(async c => (await c.QueryAsync<Row>(
                "SELECT data, knowledge_version FROM bots WHERE @workspaceId::text IS NULL OR workspace_id = @workspaceId ORDER BY created_at, id",
                new { workspaceId }))
            .Select(row => row.ToBot())
            .ToList(), ct);

    public Task UpdateAsync(Bot bot, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE bots SET data = @Data WHERE id = @Id", new { bot.Id, Data = Serialize(bot) }, tx), ct);

    public Task<bool> DeleteAsync(string id, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var args = new { id };
            await c.ExecuteAsync(
                """
                DELETE FROM chunks WHERE bot_id = @id;
                DELETE FROM pages WHERE source_id IN (SELECT id FROM sources WHERE bot_id = @id);
                DELETE FROM frontier WHERE source_id IN (SELECT id FROM sources WHERE bot_id = @id);
                DELETE FROM page_visits WHERE source_id IN (SELECT id FROM sources WHERE bot_id = @id);
                DELETE FROM jobs WHERE bot_id = @id;
                DELETE FROM saved_questions WHERE bot_id = @id;
                DELETE FROM sources WHERE bot_id = @id;
                DELETE FROM feedback WHERE bot_id = @id;
                DELETE FROM refused_origins WHERE bot_id = @id;
                DELETE FROM question_group_members WHERE bot_id = @id;
                DELETE FROM question_groups WHERE bot_id = @id;
                DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE bot_id = @id);
                DELETE FROM conversations WHERE bot_id = @id;
                """, args, tx);
            return await c.ExecuteAsync("DELETE FROM bots WHERE id = @id", args, tx) == 1;
        }, ct);

    private static Task<int> InsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, Bot bot) => c.ExecuteAsync(
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

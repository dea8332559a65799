using Dapper;
using Parley.Core.Workspaces;

namespace Parley.Storage.Postgres;

internal sealed class PostgresWorkspaceStore(PostgresDatabase db) : IWorkspaceStore
{
    private const string SelectWorkspace = "SELECT id, name, credits_milli, trial_ends_at, created_at FROM workspaces";

    public Task CreateAsync(Workspace workspace, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO workspaces (id, name, credits_milli, trial_ends_at, created_at) VALUES (@Id, @Name, @CreditsMilli, @TrialEndsAt, @CreatedAt)",
            Row.From(workspace), tx), ct);

    public Task<Workspace?> GetAsync(string id, CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<Row>($"{SelectWorkspace} WHERE id = @id", new { id }))?.ToWorkspace(), ct);

    public Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Workspace>>(
            async c => (await c.QueryAsync<Row>($"{SelectWorkspace} ORDER BY created_at, id")).Select(r => r.ToWorkspace()).ToList(), ct);

    public Task UpdateAsync(Workspace workspace, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE workspaces SET name = @Name, credits_milli = @CreditsMilli, trial_ends_at = @TrialEndsAt WHERE id = @Id",
            Row.From(workspace), tx), ct);

    // One statement: PostgreSQL re-checks the condition on the locked row, so concurrent reservations on
    // any replica queue behind each other and the balance never goes below zero.
    public Task<bool> TryReserveCreditsAsync(string workspaceId, decimal amount, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE workspaces SET credits_milli = credits_milli - @milli WHERE id = @workspaceId AND credits_milli >= @milli",
            new { workspaceId, milli = Credits.ToMilli(amount) }, tx) == 1, ct);

    public Task RefundCreditsAsync(string workspaceId, decimal amount, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE workspaces SET credits_milli = credits_milli + @milli WHERE id = @workspaceId",
            new { workspaceId, milli = Credits.ToMilli(amount) }, tx), ct);

    public Task CreateApiKeyAsync(ApiKey key, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO api_keys (id, workspace_id, prefix, key_hash, created_at) VALUES (@Id, @WorkspaceId, @Prefix, @Hash, @CreatedAt)",
            new { key.Id, key.WorkspaceId, key.Prefix, key.Hash, CreatedAt = UnixTime.From(key.CreatedAt) }, tx), ct);

    public Task<ApiKey?> FindApiKeyByHashAsync(string hash, CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT id, workspace_id, prefix, key_hash, created_at FROM api_keys WHERE key_hash = @hash", new { hash }))?.ToApiKey(), ct);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public long CreditsMilli { get; set; }
        public long? TrialEndsAt { get; set; }
        public long CreatedAt { get; set; }

        public static Row From(Workspace w) => new()
        {
            Id = w.Id,
            Name = w.Name,
            CreditsMilli = Credits.ToMilli(w.Credits),
            TrialEndsAt = UnixTime.From(w.TrialEndsAt),
            CreatedAt = UnixTime.From(w.CreatedAt),
        };

        public Workspace ToWorkspace() =>
            new(Id, Name, Credits.FromMilli(CreditsMilli), UnixTime.To(TrialEndsAt), UnixTime.To(CreatedAt));
    }

    private sealed class KeyRow
    {
        public string Id { get; set; } = "";
        public string WorkspaceId { get; set; } = "";
        public string Prefix { get; set; } = "";
        public string KeyHash { get; set; } = "";
        public long CreatedAt { get; set; }

        public ApiKey ToApiKey() => new(Id, WorkspaceId, Prefix, KeyHash, UnixTime.To(CreatedAt));
    }
}
